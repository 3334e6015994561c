package io.shardline.proxy.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises {@code up} and {@code down} on one work folder, across processes (a developer's {@code bin/sandbox}
 * next to a test JVM) and across threads of one JVM. Two concurrent {@code up}s would otherwise both find a
 * server stopped and both try to start it.
 */
final class WorkDirLock {

    /** File locks are held per JVM, not per thread, so threads of one JVM queue on this first. */
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private WorkDirLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Runs {@code work} while holding the work folder, waiting for it if needed; creates the folder. */
    static <T> T holding(SandboxLayout layout, java.util.function.Supplier<T> work) {
        WorkDirLock lock = acquire(layout);
        try {
            return work.get();
        } finally {
            lock.release();
        }
    }

    private static WorkDirLock acquire(SandboxLayout layout) {
        Path file = layout.lockFile();
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        threadLock.lock();
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                return new WorkDirLock(threadLock, channel, channel.lock());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            threadLock.unlock();
            throw new SandboxException("cannot lock " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            threadLock.unlock();
            throw e;
        }
    }

    private void release() {
        try {
            fileLock.release();
            channel.close();
        } catch (IOException e) {
            // Closing the channel releases the lock anyway; nothing useful to report.
        } finally {
            threadLock.unlock();
        }
    }
}
