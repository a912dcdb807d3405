package dev.mlproj.scan;

import dev.mlproj.rubric.RubricLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A scan on one thread (a batch job) runs in the caller, not a pool: its facts must be the parallel scan's. */
class ScanThreadsTest {

    @Test
    void oneThreadFindsExactlyWhatTwoFindOnEveryExample() throws Exception {
        List<PatternQuery> queries = RubricLoader.queries(new RubricLoader().builtin());
        List<Path> examples;
        try (Stream<Path> dirs = Files.list(Path.of("examples"))) {
            examples = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(6);
        for (Path example : examples) {
            String one = FactDump.of(new Scanner(Scanner.DEFAULT_SIZE_CAP, 1).scan(example, queries), queries);
            String two = FactDump.of(new Scanner(Scanner.DEFAULT_SIZE_CAP, 2).scan(example, queries), queries);
            assertThat(one).as(example.toString()).isEqualTo(two).contains("file ");
        }
    }
}
