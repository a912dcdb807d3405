package dev.mlproj.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The CI recipes in docs/recipes are real files, checked against what mlproj ships: their YAML parses,
 * every mlproj command in them parses, and what they reference (the action and its inputs, the image and
 * the jar inside it, the report paths, the hook and its tag) is what the build, the Dockerfile, action.yml,
 * the release workflow and .pre-commit-hooks.yaml provide.
 */
class RecipesTest {

    private static final Path RECIPES = Path.of("docs/recipes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** An mlproj invocation up to a shell operator or the end of the line. */
    private static final Pattern INVOCATION = Pattern.compile(
            "(?:\"\\$MLPROJ\"|\\S*mlproj|java -jar \\S+\\.jar)\\s+((?:assess|batch|history|rubric|explain|next|new|completion)\\b[^|&>;\\n]*)");

    private static List<Path> recipes() throws Exception {
        try (Stream<Path> files = Files.list(RECIPES)) {
            return files.sorted().toList();
        }
    }

    /** The release's major version: what {@code @v0} and the image tag {@code :0} follow. */
    private static String major() throws Exception {
        return DistributionTest.pomVersion().split("\\.")[0];
    }

    @Test
    void theYamlRecipesParse() throws Exception {
        List<Path> yamlFiles = recipes().stream().filter(p -> p.toString().matches(".*\\.ya?ml")).toList();
        assertThat(yamlFiles).hasSizeGreaterThanOrEqualTo(3);
        for (Path file : yamlFiles) {
            assertThat(YAML.readTree(file.toFile())).as(file.toString()).isNotNull();
        }
    }

    @Test
    void everyMlprojCommandInTheRecipesIsValid() throws Exception {
        List<String> commands = new ArrayList<>();
        for (Path file : recipes()) {
            Matcher m = INVOCATION.matcher(Files.readString(file));
            while (m.find()) {
                commands.add(m.group(1).strip());
            }
        }
        assertThat(commands).hasSizeGreaterThanOrEqualTo(4)
                .anyMatch(c -> c.contains("--format junit")).anyMatch(c -> c.contains("--baseline"));
        for (String command : commands) {
            String[] args = Arrays.stream(command.split("\\s+")).map(a -> a.replace("\"", "")).toArray(String[]::new);
            CommandLine cli = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
            assertThatCode(() -> cli.parseArgs(args)).as(command).doesNotThrowAnyException();
        }
    }

    @Test
    void theGitHubRecipeUsesTheActionWithItsInputs() throws Exception {
        String text = Files.readString(RECIPES.resolve("github-actions.yml"));
        JsonNode workflow = YAML.readTree(text);
        JsonNode permissions = workflow.get("permissions");
        assertThat(permissions.get("security-events").asText()).isEqualTo("write");
        assertThat(permissions.get("actions").asText()).isEqualTo("read");
        assertThat(permissions.get("contents").asText()).isEqualTo("read");
        DistributionTest.assertUsesCurrent(text, "github-actions.yml");

        Set<String> declared = new TreeSet<>();
        YAML.readTree(Path.of("action.yml").toFile()).get("inputs").fieldNames().forEachRemaining(declared::add);
        JsonNode job = workflow.get("jobs").get("assess");
        assertThat(job.has("env") && job.get("env").toString().contains("runner.temp")).as("runner.temp in job env").isFalse();
        int uses = 0;
        boolean fullHistory = false;
        for (JsonNode step : job.get("steps")) {
            String action = step.path("uses").asText("");
            if (action.startsWith("actions/checkout@")) {
                fullHistory = step.get("with").get("fetch-depth").asInt(-1) == 0;
            }
            if (!action.matches(".*/mlproj@.*")) {
                continue;
            }
            uses++;
            assertThat(action).isEqualTo("mlproj/mlproj@v" + major());
            step.get("with").fieldNames().forEachRemaining(input -> assertThat(declared).as(action + " input").contains(input));
            if (step.get("with").has("format")) {
                for (String format : step.get("with").get("format").asText().split(",")) {
                    assertThat(AssessCommand.Format.valueOf(format.strip())).isNotNull();
                }
            }
        }
        assertThat(fullHistory).as("checkout with fetch-depth 0").isTrue();
        assertThat(uses).isEqualTo(2);
        // The repository is scanned once per side: the target branch (pull requests) and the head.
        assertThat(text).doesNotContain("cache: maven").doesNotContain("upload-sarif@v3");
        // Fork pull requests cannot upload SARIF: the recipe turns the upload off for them.
        assertThat(text).contains("github.event.pull_request.head.repo.full_name == github.repository");
    }

    @Test
    void theGitLabRecipeRunsTheJarInThePublishedImage() throws Exception {
        JsonNode job = YAML.readTree(RECIPES.resolve("gitlab-ci.yml").toFile()).get("mlproj");
        assertThat(job.get("image").get("name").asText()).isEqualTo("ghcr.io/mlproj/mlproj:" + major());
        // The release workflow pushes that tag.
        assertThat(Files.readString(Path.of(".github/workflows/release.yml"))).contains("-t \"$image:${version%%.*}\"", "ghcr.io/${GITHUB_REPOSITORY,,}");
        String script = job.get("script").get(0).asText();
        String installed = DistributionTest.dockerInstructions(Path.of("Dockerfile")).stream()
                .filter(i -> i.getKey().equals("COPY")).findFirst().orElseThrow().getValue().split("\\s+")[1];
        assertThat(script).startsWith("java -jar " + installed + " assess ");
        Matcher dir = Pattern.compile("--output-dir (\\S+)").matcher(script);
        assertThat(dir.find()).isTrue();
        assertThat(job.get("artifacts").get("reports").get("junit").asText())
                .isEqualTo(dir.group(1) + "/mlproj." + AssessCommand.Format.junit.extension);
        assertThat(job.get("variables").get("GIT_DEPTH").asText()).isEqualTo("0");
    }

    @Test
    void thePreCommitRecipeUsesTheShippedHookAtTheReleaseTag() throws Exception {
        JsonNode repo = YAML.readTree(RECIPES.resolve("pre-commit-config.yaml").toFile()).get("repos").get(0);
        assertThat(repo.get("rev").asText()).isEqualTo("v" + DistributionTest.pomVersion());
        Set<String> shipped = new TreeSet<>();
        YAML.readTree(Path.of(".pre-commit-hooks.yaml").toFile()).forEach(h -> shipped.add(h.get("id").asText()));
        repo.get("hooks").forEach(h -> assertThat(shipped).contains(h.get("id").asText()));
    }
}
