package dev.mlproj.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one piece of work per entry on a fixed number of threads and returns the results in input
 * order, whatever order they finish in. A failing entry becomes an error row; it never stops the batch.
 */
public final class BatchRunner {

    /** Told about each finished entry, from the worker thread, one call at a time. */
    public interface Listener {
        void finished(int done, int total, BatchResult result);
    }

    private BatchRunner() {
    }

    public static List<BatchResult> run(List<BatchEntry> entries, int jobs, Function<BatchEntry, BatchResult> work,
                                        Listener listener) throws InterruptedException {
        if (entries.isEmpty()) {
            return List.of();
        }
        int threads = Math.max(1, Math.min(jobs, entries.size()));
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mlproj-batch-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Object lock = new Object();
        int[] done = {0};
        try {
            List<Future<BatchResult>> futures = new ArrayList<>();
            for (BatchEntry entry : entries) {
                futures.add(pool.submit(() -> {
                    BatchResult result = safely(entry, work);
                    synchronized (lock) {
                        listener.finished(++done[0], entries.size(), result);
                    }
                    return result;
                }));
            }
            List<BatchResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    // An Error from the work (a stack overflow on a pathological file, say) or a failing listener.
                    results.add(BatchResult.failed(entries.get(i), "internal error: " + e.getCause()));
                }
            }
            return List.copyOf(results);
        } finally {
            pool.shutdownNow();
        }
    }

    private static BatchResult safely(BatchEntry entry, Function<BatchEntry, BatchResult> work) {
        try {
            return work.apply(entry);
        } catch (RuntimeException e) {
            return BatchResult.failed(entry, "internal error: " + e);
        }
    }
}
