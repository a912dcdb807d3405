package dev.mlproj.scan;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;

/**
 * Work run on a scan's own pool and waited for by a plain park. {@code pool.invoke(task)} or
 * {@code pool.submit(task).get()} called from a worker of another fork/join pool (a JUnit test thread, a
 * parallel stream's) "helps" while it waits: it runs that other pool's queued tasks nested on its stack, or
 * makes it start compensating threads, so one short caller can end up waiting for unrelated long work. A
 * {@link FutureTask} waits with {@link java.util.concurrent.locks.LockSupport#park}, which does neither.
 */
final class PoolWork {

    private PoolWork() {
    }

    /** Runs {@code work} on {@code pool} (its parallel streams and forks stay there) and waits for its result. */
    static <T> T run(ForkJoinPool pool, Callable<T> work) throws InterruptedException, ExecutionException {
        FutureTask<T> task = new FutureTask<>(work);
        pool.execute(task);
        return task.get();
    }
}
