package dev.mlproj.assess;

import dev.mlproj.testing.Assess;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every example repository assesses to the level written beside it (examples/NAME.expected.yaml). */
class ExamplesTest {

    private static final Path EXAMPLES = Path.of("examples");
    private static final Pattern LEVEL = Pattern.compile("(?m)^level:\\s*(\\d)\\s*$");
    private static final Pattern FOCUS = Pattern.compile("(?m)^focus:\\s*(\\w+)\\s*$");

    private static List<Path> expectations() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".expected.yaml")).sorted().toList();
        }
    }

    @Test
    void everyLevelAndANonMlProjectHaveAnExample() throws IOException {
        List<Integer> levels = expectations().stream().map(ExamplesTest::expectedLevel).sorted().toList();
        assertThat(levels).contains(0, 1, 2, 3, 4, 5);
    }

    @TestFactory
    Stream<DynamicTest> eachExampleAssessesToItsExpectedLevel() throws IOException {
        return expectations().stream().map(expectation -> {
            String name = expectation.getFileName().toString().replace(".expected.yaml", "");
            return DynamicTest.dynamicTest(name, () -> {
                Path repo = EXAMPLES.resolve(name);
                assertThat(repo).isDirectory();
                Assessment a = Assess.assess(repo);
                assertThat(a.level()).as(name + ": " + summary(a)).isEqualTo(expectedLevel(expectation));
                String focus = expectedFocus(expectation);
                if (focus != null) {
                    assertThat(a.focus().dominant()).as(name + " focus " + a.focus().shares()).isEqualTo(focus);
                }
            });
        });
    }

    private static String summary(Assessment a) {
        StringBuilder sb = new StringBuilder();
        a.progress().forEach(p -> sb.append("L").append(p.level()).append('=').append(Math.round(p.fraction() * 100)).append("% "));
        return sb.toString();
    }

    private static int expectedLevel(Path expectation) {
        Matcher m = LEVEL.matcher(read(expectation));
        assertThat(m.find()).as(expectation + " must say 'level: N'").isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static String expectedFocus(Path expectation) {
        Matcher m = FOCUS.matcher(read(expectation));
        return m.find() ? m.group(1) : null;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
