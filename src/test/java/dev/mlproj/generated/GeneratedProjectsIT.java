package dev.mlproj.generated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.mlproj.testing.Cli;
import dev.mlproj.testing.Python;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every level x focus, generated and proven: the Python compiles, the YAML and JSON parse, notebooks are
 * valid nbformat, the project's own pytest suite passes with Debian's packages, and mlproj assesses it
 * at exactly its level, under the focus it declares, with the overlay's evidence measurably in that area.
 */
@Execution(ExecutionMode.CONCURRENT)
class GeneratedProjectsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    static Path tmp;

    private static final List<String> FOCUSES = List.of("data", "models", "architecture", "product");

    /** Every level, 1 to 5, with each of the four focus areas. */
    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (int level = 1; level <= 5; level++) {
            for (String focus : FOCUSES) {
                all.add(Arguments.of(level, focus));
            }
        }
        return all.stream();
    }

    /**
     * The declaration is not the evidence: each focus overlay must move the measured split towards its own
     * area, so that the project generated for a focus has that area's largest share among the four
     * projects of its level.
     */
    @ParameterizedTest(name = "level {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void eachFocusOverlayShiftsTheMeasuredSplitTowardsItsArea(int level) throws Exception {
        Map<String, JsonNode> shares = new LinkedHashMap<>();
        for (String focus : FOCUSES) {
            Path dir = copyOfGenerated(level, focus, tmp.resolve("split-l" + level + "-" + focus));
            Files.delete(dir.resolve(".mlproj.yaml")); // measure, do not declare
            commitAll(dir);
            Cli.Result assessed = Cli.run("assess", dir.toString(), "--format", "json");
            assertThat(assessed.exitCode()).as(assessed.err()).isZero();
            shares.put(focus, JSON.readTree(assessed.out()).at("/focus/shares"));
        }
        for (String focus : FOCUSES) {
            double own = shares.get(focus).get(focus).asDouble();
            for (String other : FOCUSES) {
                if (!other.equals(focus)) {
                    assertThat(own).as("%s share of the %s project vs the %s project; all shares: %s", focus, focus, other, shares)
                            .isGreaterThan(shares.get(other).get(focus).asDouble());
                }
            }
        }
    }

    @ParameterizedTest(name = "level {0}, focus {1}")
    @MethodSource("combinations")
    void generatesAWorkingProjectThatAssessesAtItsLevelAndFocus(int level, String focus) throws Exception {
        Path dir = copyOfGenerated(level, focus, tmp.resolve("l" + level + "-" + focus));
        commitAll(dir);

        Cli.Result assessed = Cli.run("assess", dir.toString(), "--format", "json");
        assertThat(assessed.exitCode()).as(assessed.err()).isZero();
        JsonNode report = JSON.readTree(assessed.out());
        assertThat(report.get("level").asInt()).as("assessed level; next: %s", report.get("next")).isEqualTo(level);
        assertThat(report.at("/focus/dominant").asText()).as("dominant focus; shares: %s", report.at("/focus/shares")).isEqualTo(focus);
        assertThat(report.at("/focus/declared").asBoolean()).as("the project declares the focus it was generated for").isTrue();
        assertThat(report.at("/config/waivers").size()).as("a generated project waives nothing").isZero();

        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.startsWith(dir.resolve(".git"))).toList();
        }
        List<String> python = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.endsWith(".py")) {
                python.add(dir.relativize(f).toString());
            } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(f.toFile())) {
                    assertThat(docs.readAll()).as(f.toString()).isNotNull();
                }
            } else if (name.endsWith(".json")) {
                assertThat(JSON.readTree(f.toFile())).as(f.toString()).isNotNull();
            } else if (name.endsWith(".ipynb")) {
                Notebooks.assertValid(f, JSON.readTree(f.toFile()));
            }
        }
        assertThat(python).as("Python files").isNotEmpty();
        List<String> compile = new ArrayList<>(List.of("-c",
                "import sys\nfor f in sys.argv[1:]:\n    compile(open(f, encoding='utf-8').read(), f, 'exec')\n"));
        compile.addAll(python);
        Python.Run compiled = Python.run(dir, compile.toArray(String[]::new));
        assertThat(compiled.exitCode()).as(compiled.output()).isZero();

        Python.Run tests = Python.run(dir, "-m", "pytest", "-q", "-p", "no:cacheprovider");
        assertThat(tests.exitCode()).as("pytest in %s:%n%s", dir, tests.output()).isZero();
        assertThat(tests.output()).contains("passed");
    }

    /** Each level x focus is generated once for the class; each test works on its own copy. */
    private static final Map<String, Path> GENERATED = new HashMap<>();

    private static synchronized Path generated(int level, String focus) {
        return GENERATED.computeIfAbsent(level + "-" + focus, key -> {
            Path dir = tmp.resolve("generated-l" + key);
            Cli.Result created = Cli.run("new", "demo-proj", "--level", String.valueOf(level), "--focus", focus, "--dir", dir.toString());
            assertThat(created.exitCode()).as(created.err()).isZero();
            return dir;
        });
    }

    private static Path copyOfGenerated(int level, String focus, Path to) throws IOException {
        Path from = generated(level, focus);
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    static void commitAll(Path dir) throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Test Author", "author@example.com");
            git.commit().setMessage("Generated by mlproj new").setAuthor(who).setCommitter(who).setSign(false).call();
        }
    }
}
