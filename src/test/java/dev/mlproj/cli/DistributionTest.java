package dev.mlproj.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * What a user installs besides the jar, checked against what the build ships: the LICENSE, the Dockerfile,
 * the GitHub Action, the release workflow and the pre-commit hook. Nothing here can run offline (no Docker
 * engine, no GitHub), so the files are parsed and their references followed; PackagedJarIT runs the
 * action's shell steps against the jar.
 */
class DistributionTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * The major version of every action mlproj's files may use, as current when this was written
     * (codeql-action v3 is retiring; v4 is current). An action not listed fails the test, so a new one is
     * looked at before it ships.
     */
    static final Map<String, Integer> CURRENT_MAJOR = Map.of(
            "actions/checkout", 5,
            "actions/setup-java", 5,
            "actions/upload-artifact", 4,
            "actions/download-artifact", 4,
            "github/codeql-action/upload-sarif", 4);

    /** The jar `mvn package` builds: the shade plugin's finalName in pom.xml. */
    static String jarName() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList plugins = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile()).getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (text(plugin, "artifactId").equals("maven-shade-plugin")) {
                return text(plugin, "finalName") + ".jar";
            }
        }
        throw new AssertionError("pom.xml has no maven-shade-plugin");
    }

    /** The pom's own version (the first <version> under <project>). */
    static String pomVersion() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element project = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile()).getDocumentElement();
        for (var n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("version")) {
                return e.getTextContent().strip();
            }
        }
        throw new AssertionError("pom.xml has no version");
    }

    private static String text(Element e, String tag) {
        NodeList nodes = e.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }

    @Test
    void theLicenseIsApache2AndSaidSoEverywhere() throws Exception {
        assertThat(Files.readString(Path.of("LICENSE"))).contains("Apache License", "Version 2.0, January 2004",
                "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION");
        assertThat(Files.readString(Path.of("README.md"))).contains("Apache-2.0", "[LICENSE](LICENSE)");
        assertThat(Files.readString(Path.of("pom.xml"))).contains("<name>Apache-2.0</name>");
        assertThat(Files.readString(Path.of("Dockerfile"))).contains("org.opencontainers.image.licenses=\"Apache-2.0\"");
    }

    // ---------------------------------------------------------------- Dockerfile

    /** A Dockerfile's instructions: keyword and arguments, continuation lines joined, comments dropped. */
    static List<Map.Entry<String, String>> dockerInstructions(Path file) throws Exception {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (pending.length() == 0 && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String instruction = pending.toString();
            pending.setLength(0);
            int space = instruction.indexOf(' ');
            out.add(Map.entry(instruction.substring(0, space).toUpperCase(java.util.Locale.ROOT), instruction.substring(space + 1).strip()));
        }
        assertThat(pending.toString()).as("a continuation line ends the Dockerfile").isEmpty();
        return out;
    }

    @Test
    void theDockerfileRunsTheJarTheBuildProduces() throws Exception {
        List<Map.Entry<String, String>> instructions = dockerInstructions(Path.of("Dockerfile"));
        Set<String> known = Set.of("FROM", "LABEL", "COPY", "ENV", "WORKDIR", "ENTRYPOINT", "CMD", "USER", "ARG", "RUN");
        instructions.forEach(i -> assertThat(known).as(i.toString()).contains(i.getKey()));
        assertThat(instructions.get(0)).isEqualTo(Map.entry("FROM", "eclipse-temurin:17-jre"));
        assertThat(instructions.stream().filter(i -> i.getKey().equals("FROM"))).hasSize(1);

        String jar = jarName();
        List<String> copy = instructions.stream().filter(i -> i.getKey().equals("COPY")).map(Map.Entry::getValue).toList();
        assertThat(copy).hasSize(1);
        String[] copied = copy.get(0).split("\\s+");
        assertThat(copied[0]).isEqualTo("target/" + jar);
        String installed = copied[1];

        JsonNode entrypoint = new ObjectMapper().readTree(instructions.stream().filter(i -> i.getKey().equals("ENTRYPOINT"))
                .findFirst().orElseThrow().getValue());
        assertThat(entrypoint.isArray()).as("exec form, so arguments reach mlproj unchanged").isTrue();
        List<String> args = new ArrayList<>();
        entrypoint.forEach(a -> args.add(a.asText()));
        assertThat(args.get(0)).isEqualTo("java");
        assertThat(args.get(args.indexOf("-jar") + 1)).isEqualTo(installed);
        assertThat(args.indexOf("-jar")).isEqualTo(args.size() - 2);
        // The build context holds the jar and nothing else.
        assertThat(Files.readAllLines(Path.of(".dockerignore"))).contains("*", "!target/" + jar);
        // The documented command line parses.
        assertThat(Files.readString(Path.of("Dockerfile"))).contains("docker run --rm -v \"$PWD:/repo\" mlproj assess /repo");
        assertThat(instructions).contains(Map.entry("WORKDIR", "/repo"));
    }

    // ---------------------------------------------------------------- action.yml

    private static final Pattern INPUT_REF = Pattern.compile("inputs\\.([A-Za-z0-9_-]+)");
    private static final Pattern STEP_OUTPUT_REF = Pattern.compile("steps\\.([A-Za-z0-9_-]+)\\.outputs\\.([A-Za-z0-9_-]+)");

    @Test
    void theActionDeclaresWhatItUsesAndDownloadsTheReleasedJar() throws Exception {
        String text = Files.readString(Path.of("action.yml"));
        JsonNode action = YAML.readTree(text);
        assertThat(action.get("name").asText()).isEqualTo("mlproj");
        assertThat(action.get("runs").get("using").asText()).isEqualTo("composite");
        Set<String> declared = new TreeSet<>();
        action.get("inputs").fieldNames().forEachRemaining(declared::add);
        assertThat(declared).containsExactlyInAnyOrder("version", "path", "min-level", "format", "baseline", "upload-sarif");
        action.get("inputs").forEach(input -> assertThat(input.has("description")).isTrue());

        Set<String> used = new TreeSet<>();
        Matcher m = INPUT_REF.matcher(text);
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(declared).containsAll(used);
        assertThat(used).containsAll(declared);

        JsonNode steps = action.get("runs").get("steps");
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode step : steps) {
            if (step.has("id")) {
                byId.put(step.get("id").asText(), step);
            }
            if (step.has("run")) {
                assertThat(step.has("shell")).as("a composite action's run step needs a shell: " + step).isTrue();
            }
        }
        Matcher outputs = STEP_OUTPUT_REF.matcher(text);
        while (outputs.find()) {
            String id = outputs.group(1);
            assertThat(byId).as("step " + id).containsKey(id);
            assertThat(byId.get(id).get("run").asText()).as("step %s writes %s", id, outputs.group(2))
                    .contains("echo \"" + outputs.group(2) + "=");
        }
        assertUsesCurrent(text, "action.yml");

        // It downloads the jar the release workflow publishes, with its checksum, and checks it.
        String install = byId.get("install").get("run").asText();
        String jar = jarName();
        assertThat(install).contains("releases/download/$version", "/" + jar + "\"", "/" + jar + ".sha256\"", "sha256sum -c " + jar + ".sha256");
        String release = Files.readString(Path.of(".github/workflows/release.yml"));
        assertThat(release).contains("target/" + jar + "\n", "sha256sum " + jar + " > " + jar + ".sha256", "dist/" + jar + " dist/" + jar + ".sha256");

        // Every format the action may be asked for is one assess has; its default formats are valid.
        for (String format : action.get("inputs").get("format").get("default").asText().split(",")) {
            assertThat(AssessCommand.Format.valueOf(format.strip())).isNotNull();
        }
        assertThat(action.get("description").asText()).isNotBlank();
        // Its header tells what permissions the calling job needs.
        assertThat(text).contains("security-events: write", "actions: read");
        // The assess command line it runs parses, with every flag it passes.
        assertParses("assess --format json,markdown,sarif --min-level 3 --baseline base.json --output-dir out .");
        assertThat(byId.get("assess").get("run").asText()).contains("assess --format \"$formats\" \"${gate[@]}\" --output-dir \"$out\"");
    }

    static void assertParses(String command) {
        CommandLine cli = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertThatCode(() -> cli.parseArgs(command.split("\\s+"))).as(command).doesNotThrowAnyException();
    }

    private static final Pattern USES = Pattern.compile("uses:\\s*([^@\\s]+)@(\\S+)");

    /** Every {@code uses: X@vN} names a listed action at its current major version. */
    static void assertUsesCurrent(String text, String where) {
        Matcher m = USES.matcher(text);
        while (m.find()) {
            String action = m.group(1);
            if (action.startsWith("./") || action.contains("YOUR_ORG") || action.endsWith("/mlproj")) {
                continue;
            }
            assertThat(CURRENT_MAJOR).as(where + ": " + action + " is not a known action").containsKey(action);
            assertThat(m.group(2)).as(where + ": " + action).matches("v\\d+");
            assertThat(Integer.parseInt(m.group(2).substring(1))).as(where + ": " + action + " version")
                    .isGreaterThanOrEqualTo(CURRENT_MAJOR.get(action));
        }
    }

    // ---------------------------------------------------------------- workflows

    @Test
    void theReleaseWorkflowBuildsTestsAndAttachesTheJarOnATag() throws Exception {
        JsonNode release = YAML.readTree(Path.of(".github/workflows/release.yml").toFile());
        // "on" is YAML 1.1's true to some parsers; Jackson keeps it as the key "on".
        JsonNode on = release.has("on") ? release.get("on") : release.get("true");
        assertThat(on.get("push").get("tags").get(0).asText()).isEqualTo("v*.*.*");
        assertThat(release.get("permissions").get("contents").asText()).isEqualTo("read");
        JsonNode jobs = release.get("jobs");
        assertThat(jobs.get("build").get("steps").toString()).contains(".ci/run");
        assertThat(jobs.get("release").get("needs").asText()).isEqualTo("build");
        assertThat(jobs.get("release").get("permissions").get("contents").asText()).isEqualTo("write");
        assertThat(jobs.get("image").get("permissions").get("packages").asText()).isEqualTo("write");
        // The tag check reads the pom's version the way the action does.
        assertThat(Files.readString(Path.of(".github/workflows/release.yml")))
                .contains("sed -n 's|^  <version>\\(.*\\)</version>$|\\1|p' pom.xml");
        assertThat(Files.readString(Path.of("action.yml"))).contains("sed -n 's|^  <version>\\(.*\\)</version>$|\\1|p'");
        assertThat(Files.readAllLines(Path.of("pom.xml"))).contains("  <version>" + pomVersion() + "</version>");
        // .ci/run is the README's test command.
        assertThat(Files.readString(Path.of(".ci/run"))).contains("mvn -B verify");
    }

    @Test
    void everyWorkflowParsesAndUsesCurrentActions() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(".github/workflows"))) {
            files = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String text = Files.readString(file);
            JsonNode workflow = YAML.readTree(text);
            assertThat(workflow.get("jobs")).as(file.toString()).isNotNull();
            workflow.get("jobs").forEach(job -> {
                assertThat(job.has("runs-on")).as(file + ": every job names its runner").isTrue();
                job.get("steps").forEach(step -> assertThat(step.has("run") != step.has("uses"))
                        .as(file + ": a step runs or uses, not both: " + step).isTrue());
            });
            assertThat(text).as(file + ": runner.temp is not available in job-level env").doesNotContainPattern("env:\\s*\\n\\s+\\w+: \\$\\{\\{ runner\\.temp");
            assertUsesCurrent(text, file.toString());
        }
    }

    // ---------------------------------------------------------------- pre-commit

    @Test
    void thePreCommitHookRunsAShippedScriptWhoseCommandsParse() throws Exception {
        JsonNode hooks = YAML.readTree(Path.of(".pre-commit-hooks.yaml").toFile());
        assertThat(hooks.isArray()).isTrue();
        JsonNode hook = hooks.get(0);
        assertThat(hook.get("id").asText()).isEqualTo("mlproj-ratchet");
        assertThat(hook.get("language").asText()).isEqualTo("script");
        assertThat(hook.get("pass_filenames").asBoolean()).isFalse();
        Path entry = Path.of(hook.get("entry").asText());
        assertThat(entry).isRegularFile().isExecutable();
        String script = Files.readString(entry);
        assertThat(script).startsWith("#!/bin/sh\n").contains("\"$here/mlproj\" assess --quiet --baseline");
        assertParses("assess --quiet --baseline .git/mlproj-baseline.json .");
        assertParses("assess --min-level 0 --format json --output .git/mlproj-baseline.json .");
        assertThat(Path.of("mlproj")).isExecutable();
        // Every name a hook may use exists in pre-commit's schema of hooks.
        Set<String> allowed = Set.of("id", "name", "description", "entry", "language", "pass_filenames", "always_run",
                "require_serial", "stages", "files", "exclude", "types", "args", "minimum_pre_commit_version", "verbose");
        hook.fieldNames().forEachRemaining(k -> assertThat(allowed).contains(k));
        assertThat(Arrays.asList("pre-commit", "pre-push", "manual")).containsAll(
                () -> hook.get("stages").elements().hasNext() ? java.util.stream.StreamSupport.stream(hook.get("stages").spliterator(), false)
                        .map(JsonNode::asText).iterator() : List.<String>of().iterator());
    }
}
