package dev.mlproj.fetch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive locks on cache entries: against the other threads of this process (a lock per path) and
 * against other processes sharing the cache, such as two shards on one machine (a lock file). A
 * file system that cannot lock files still gets the in-process lock.
 */
final class PathLocks {

    private final ConcurrentHashMap<Path, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** A held lock; closing it (on the thread that took it) releases both parts. */
    static final class Held implements AutoCloseable {
        private final ReentrantLock lock;
        private final FileChannel channel;
        private final FileLock fileLock;

        private Held(ReentrantLock lock, FileChannel channel, FileLock fileLock) {
            this.lock = lock;
            this.channel = channel;
            this.fileLock = fileLock;
        }

        @Override
        public void close() {
            try {
                if (fileLock != null) {
                    fileLock.release();
                }
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // closing the channel releases the lock in any case
            } finally {
                lock.unlock();
            }
        }
    }

    Held acquire(Path lockFile) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            Files.createDirectories(key.getParent());
            FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                return new Held(lock, channel, channel.lock());
            } catch (IOException | UnsupportedOperationException e) {
                return new Held(lock, channel, null);
            }
        } catch (IOException | RuntimeException e) {
            lock.unlock();
            throw e;
        }
    }
}
