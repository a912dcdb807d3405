package dev.mlproj.scan;

import dev.mlproj.rubric.RubricLoader;
import dev.mlproj.testing.Assess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every input kept in fuzz-regressions/notebook and fuzz-regressions/dependencies (one folder per
 * manifest name), run through its fuzz property on every build.
 */
class FuzzRegressionsTest {

    static final Path NOTEBOOKS = Path.of("src/test/resources/fuzz-regressions/notebook");
    static final Path MANIFESTS = Path.of("src/test/resources/fuzz-regressions/dependencies");

    static Stream<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            return files.sorted().toList().stream();
        }
    }

    static Stream<Path> manifests() throws IOException {
        try (Stream<Path> files = Files.walk(MANIFESTS)) {
            return files.filter(Files::isRegularFile).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void notebook(Path input) throws Exception {
        Scanner.Queries queries = Scanner.compile(RubricLoader.queries(Assess.rubric()));
        assertThat(NotebookFuzzTest.check(Files.readString(input, StandardCharsets.UTF_8), queries)).isNotBlank();
    }

    /** The folder an input sits in names the manifest it is parsed as. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void manifest(Path input) throws Exception {
        String manifest = input.getParent().getFileName().toString();
        assertThat(DependencyParser.isManifest(manifest)).as(manifest).isTrue();
        assertThat(DependencyParserFuzzTest.check(manifest, Files.readString(input, StandardCharsets.UTF_8))).isNotBlank();
    }

    @Test
    void theKeptInputsAreThere() throws IOException {
        assertThat(notebooks()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(manifests()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void keptInputsSayWhatTheyGive() throws Exception {
        assertThat(DependencyParser.parse("requirements.txt", Files.readString(MANIFESTS.resolve("requirements.txt/egg-in-a-comment.txt"))))
                .extracting(DependencyParser.Declared::name).containsExactly("real-one");
        // Ten quoted strings: each is read once, where the nested lists used to be read again (13 names).
        assertThat(DependencyParser.parse("setup.py", Files.readString(MANIFESTS.resolve("setup.py/unclosed-list-swallows-the-file.txt"))))
                .hasSize(10);
    }
}
