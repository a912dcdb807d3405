package dev.mlproj.batch;

import dev.mlproj.testing.Waits;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class BatchRunnerTest {

    private static List<BatchEntry> entries(int n) {
        return IntStream.range(0, n).mapToObj(i -> new BatchEntry(i, i + 2, "r" + i, "/r/" + i, "")).toList();
    }

    @Test
    void resultsComeBackInInputOrderWhateverOrderTheyFinishIn() throws InterruptedException {
        List<BatchEntry> entries = entries(2);
        CountDownLatch secondDone = new CountDownLatch(1);
        List<String> finished = Collections.synchronizedList(new ArrayList<>());
        List<BatchResult> results = BatchRunner.run(entries, 2, entry -> {
            if (entry.index() == 0) {
                try {
                    // The first row waits for the second, so it finishes last.
                    assertThat(secondDone.await(Waits.hangSeconds(), TimeUnit.SECONDS)).as(Waits.hung("the second row")).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return Rows.assessed(entry.row(), entry.name(), entry.index(), 1, 0, 0, 0, 0);
        }, (done, total, result) -> {
            finished.add(done + "/" + total + " " + result.name());
            if (result.name().equals("r1")) {
                secondDone.countDown();
            }
        });
        assertThat(finished).containsExactly("1/2 r1", "2/2 r0");
        assertThat(results).extracting(BatchResult::name).containsExactly("r0", "r1");
    }

    @Test
    void aFailingEntryBecomesAnErrorRowAndTheOthersGoOn() throws InterruptedException {
        List<BatchResult> results = BatchRunner.run(entries(5), 3, entry -> {
            if (entry.index() == 2) {
                throw new IllegalStateException("boom");
            }
            return Rows.assessed(entry.row(), entry.name(), 1, 1, 0, 0, 0, 0);
        }, (done, total, result) -> { });
        assertThat(results).hasSize(5);
        assertThat(results.get(2).failed()).isTrue();
        assertThat(results.get(2).error()).isEqualTo("internal error: java.lang.IllegalStateException: boom");
        assertThat(results.stream().filter(BatchResult::failed)).hasSize(1);
        assertThat(results).extracting(BatchResult::row).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void noEntriesNoWork() throws InterruptedException {
        assertThat(BatchRunner.run(List.of(), 4, e -> { throw new AssertionError(); }, (d, t, r) -> { })).isEmpty();
    }
}
