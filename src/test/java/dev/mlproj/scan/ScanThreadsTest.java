package dev.mlproj.scan;

import dev.mlproj.rubric.RubricLoader;
import dev.mlproj.testing.FixtureRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scan on one thread (a batch job) runs in the caller, not a pool, and walks the tree on one thread: its
 * facts must be the parallel scan's, and its files and warnings come in the same order.
 */
class ScanThreadsTest {

    @Test
    void aParallelWalkListsFilesAndWarningsInTheOrderOfAWalkByOneThread(@TempDir Path dir) throws Exception {
        FixtureRepo repo = FixtureRepo.plain(dir);
        for (int d = 0; d < 12; d++) {
            for (int f = 0; f < 6; f++) {
                repo.file("pkg" + d + "/sub" + (f % 3) + "/m" + f + ".py", "x = " + f + "\n");
            }
            repo.file("pkg" + d + "/top.py", "y = 1\n");
        }
        for (int d = 0; d < 12; d += 3) {
            Files.createSymbolicLink(dir.resolve("pkg" + d + "/sub1/out" + d + ".py"), Path.of("/etc/hostname"));
        }
        List<PatternQuery> queries = RubricLoader.queries(new RubricLoader().builtin());
        RepoFacts one = new Scanner(Scanner.DEFAULT_SIZE_CAP, 1).scan(dir, queries);
        for (int run = 0; run < 5; run++) {
            RepoFacts two = new Scanner(Scanner.DEFAULT_SIZE_CAP, 2).scan(dir, queries);
            assertThat(two.files()).isEqualTo(one.files()).hasSize(12 * 7);
            assertThat(two.warnings()).isEqualTo(one.warnings()).hasSize(4);
        }
    }

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
