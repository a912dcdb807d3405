package dev.mlproj.rubric;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every input kept in fuzz-regressions/rubric, run through the fuzz property on every build. */
class RubricFuzzRegressionsTest {

    static final Path DIR = Path.of("src/test/resources/fuzz-regressions/rubric");

    static Stream<Path> inputs() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void keptInputStillHoldsTheProperty(Path input, @TempDir Path repo) throws Exception {
        Rubric base = new RubricLoader().parse("standalone.yaml", RubricLoaderFuzzTest.STANDALONE, null);
        String outcome = RubricLoaderFuzzTest.check(Files.readString(input, StandardCharsets.UTF_8), base, repo);
        assertThat(outcome).isNotBlank();
    }

    @org.junit.jupiter.api.Test
    void thereAreRegressionInputs() throws IOException {
        assertThat(inputs()).hasSizeGreaterThanOrEqualTo(4);
    }
}
