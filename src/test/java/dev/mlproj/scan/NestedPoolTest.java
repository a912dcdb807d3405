package dev.mlproj.scan;

import dev.mlproj.rubric.RubricLoader;
import dev.mlproj.testing.FixtureRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scan called from a worker of another fork/join pool (as JUnit runs concurrent tests, or a caller's
 * parallel stream) waits for its own pool without running that other pool's tasks nested on its stack and
 * without making that pool start threads to stand in for it: a one-second test must not pick up a
 * ten-minute one while it waits, nor let two more tests start on a loaded machine.
 */
class NestedPoolTest {

    @Test
    void aScanInsideAnotherPoolsWorkerRunsNoneOfThatPoolsTasksWhileItWaits(@TempDir Path dir) throws Exception {
        FixtureRepo repo = FixtureRepo.plain(dir);
        for (int d = 0; d < 8; d++) {
            for (int f = 0; f < 8; f++) {
                repo.file("pkg" + d + "/m" + f + ".py", "import pandas as pd\nx = pd.read_csv('d.csv')\n");
            }
        }
        List<PatternQuery> queries = RubricLoader.queries(new RubricLoader().builtin());
        AtomicBoolean scanning = new AtomicBoolean();
        ForkJoinPool outer = new ForkJoinPool(1);
        try {
            RecursiveTask<Boolean> other = new RecursiveTask<>() {
                @Override
                protected Boolean compute() {
                    // true: it ran while the scan waited, nested on the waiting thread or on a thread the
                    // pool added to make up for it; either way the pool ran more than its one task at a time
                    return scanning.get();
                }
            };
            boolean nested = outer.invoke(new RecursiveTask<Boolean>() {
                @Override
                protected Boolean compute() {
                    other.fork(); // queued on this worker, as JUnit queues the next test
                    scanning.set(true);
                    try {
                        RepoFacts facts = new Scanner(Scanner.DEFAULT_SIZE_CAP, 2).scan(dir, queries);
                        assertThat(facts.files()).hasSize(64);
                    } catch (ScanException e) {
                        throw new IllegalStateException(e);
                    } finally {
                        scanning.set(false);
                    }
                    return other.join();
                }
            });
            assertThat(nested).as("the other pool's task ran while the scan waited").isFalse();
            assertThat(outer.getPoolSize()).as("threads the other pool started while the scan waited").isEqualTo(1);
        } finally {
            outer.shutdown();
        }
    }
}
