package dev.mlproj.batch;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one piece of work per entry, at most {@code jobs} at a time, and returns the results in input
 * order, whatever order they finish in. A failing entry becomes an error row; it never stops the batch.
 *
 * <p>Each entry has a total deadline, fetch included: a server that trickles a byte every few seconds never
 * trips a network read timeout, so the row is cut off by the clock instead. A row past its deadline becomes
 * an error row at once and its slot goes to the next entry; its thread (a daemon) is interrupted, which
 * cancels a clone or fetch at JGit's next check, and is otherwise left to end on its own.
 */
public final class BatchRunner {

    /** Told about each finished entry, one call at a time; {@code index} is its place in the input list. */
    public interface Listener {
        void finished(int done, int total, BatchResult result);

        /** With the entry's index in the list given to {@link #run}; by default the same as {@link #finished}. */
        default void finished(int done, int total, int index, BatchResult result) {
            finished(done, total, result);
        }
    }

    private BatchRunner() {
    }

    public static List<BatchResult> run(List<BatchEntry> entries, int jobs, Function<BatchEntry, BatchResult> work,
                                        Listener listener) throws InterruptedException {
        return run(entries, jobs, work, listener, null);
    }

    /** @param deadline each entry's total time, or null for none */
    public static List<BatchResult> run(List<BatchEntry> entries, int jobs, Function<BatchEntry, BatchResult> work,
                                        Listener listener, Duration deadline) throws InterruptedException {
        if (entries.isEmpty()) {
            return List.of();
        }
        int threads = Math.max(1, Math.min(jobs, entries.size()));
        Semaphore slots = new Semaphore(threads);
        BatchResult[] results = new BatchResult[entries.size()];
        CountDownLatch finished = new CountDownLatch(entries.size());
        AtomicInteger counter = new AtomicInteger();
        Object lock = new Object();
        int[] done = {0};
        for (int i = 0; i < entries.size(); i++) {
            slots.acquire();
            int index = i;
            BatchEntry entry = entries.get(i);
            CompletableFuture<BatchResult> row = new CompletableFuture<>();
            Thread worker = new Thread(() -> {
                try {
                    row.complete(safely(entry, work));
                } catch (Throwable e) { // an Error from the work: a stack overflow on a pathological file, say
                    row.complete(BatchResult.failed(entry, "internal error: " + e));
                }
            }, "mlproj-batch-" + counter.incrementAndGet());
            worker.setDaemon(true);
            if (deadline != null) {
                row.completeOnTimeout(null, deadline.toMillis(), TimeUnit.MILLISECONDS);
            }
            row.whenComplete((result, error) -> {
                BatchResult r = result;
                if (r == null) {
                    worker.interrupt();
                    r = BatchResult.failed(entry, "timed out: not finished within " + describe(deadline)
                            + " (--timeout), fetch included");
                }
                try {
                    synchronized (lock) {
                        results[index] = r;
                        listener.finished(++done[0], entries.size(), index, r);
                    }
                } catch (RuntimeException e) {
                    // a failing listener must not lose the row
                } finally {
                    slots.release();
                    finished.countDown();
                }
            });
            worker.start();
        }
        finished.await();
        synchronized (lock) {
            return List.copyOf(Arrays.asList(results));
        }
    }

    static String describe(Duration d) {
        long s = d.toSeconds();
        return s >= 60 && s % 60 == 0 ? (s / 60) + " min" : s + " s";
    }

    private static BatchResult safely(BatchEntry entry, Function<BatchEntry, BatchResult> work) {
        try {
            return work.apply(entry);
        } catch (RuntimeException e) {
            return BatchResult.failed(entry, "internal error: " + e);
        }
    }
}
