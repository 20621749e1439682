package org.partitionedbuffer.core;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link BufferScheduler} over a {@link ScheduledExecutorService} the caller owns (a Java SE application's pool, a
 * {@code ManagedScheduledExecutorService}, a benchmark's threads). It starts no thread itself and does not shut the
 * executor down.
 */
public final class ExecutorBufferScheduler implements BufferScheduler {

    private final ScheduledExecutorService executor;

    public ExecutorBufferScheduler(ScheduledExecutorService executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
        ScheduledFuture<?> future = executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }
}
