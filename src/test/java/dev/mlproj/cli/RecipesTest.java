package dev.mlproj.cli;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The CI recipes in docs/recipes are real files: their YAML parses and every mlproj command in them parses. */
class RecipesTest {

    private static final Path RECIPES = Path.of("docs/recipes");
    /** An mlproj invocation up to a shell operator or the end of the line. */
    private static final Pattern INVOCATION = Pattern.compile("(?:\"\\$MLPROJ\"|\\S*mlproj)\\s+((?:assess|batch|history|rubric|explain|next|new|completion)\\b[^|&>;\\n]*)");

    private static List<Path> recipes() throws Exception {
        try (Stream<Path> files = Files.list(RECIPES)) {
            return files.sorted().toList();
        }
    }

    @Test
    void theYamlRecipesParse() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Path> yamlFiles = recipes().stream().filter(p -> p.toString().matches(".*\\.ya?ml")).toList();
        assertThat(yamlFiles).hasSizeGreaterThanOrEqualTo(3);
        for (Path file : yamlFiles) {
            assertThat(yaml.readTree(file.toFile())).as(file.toString()).isNotNull();
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
        assertThat(commands).hasSizeGreaterThanOrEqualTo(8)
                .anyMatch(c -> c.contains("--format sarif")).anyMatch(c -> c.contains("--format junit"))
                .anyMatch(c -> c.contains("--format markdown")).anyMatch(c -> c.contains("--baseline"));
        for (String command : commands) {
            String[] args = Arrays.stream(command.split("\\s+")).map(a -> a.replace("\"", "")).toArray(String[]::new);
            CommandLine cli = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
            assertThatCode(() -> cli.parseArgs(args)).as(command).doesNotThrowAnyException();
        }
    }
}
