package org.partitionedbuffer.ra;

import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A container WorkManager for tests: every Work runs on a small thread pool whose threads are named
 * {@value #THREAD_PREFIX}N, so a test can tell that a delivery ran on the WorkManager and not on a thread of its own.
 */
public final class PoolWorkManager implements WorkManager, AutoCloseable {

    public static final String THREAD_PREFIX = "fake-work-manager-";

    private final AtomicInteger threads = new AtomicInteger();
    private final AtomicInteger submitted = new AtomicInteger();
    private final ExecutorService pool = Executors.newFixedThreadPool(4, task -> {
        Thread thread = new Thread(task, THREAD_PREFIX + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    /** How many Work objects were handed to this WorkManager. */
    public int submitted() {
        return submitted.get();
    }

    private void submit(Work work) {
        submitted.incrementAndGet();
        pool.execute(work);
    }

    @Override
    public void doWork(Work work) {
        submitted.incrementAndGet();
        work.run();
    }

    @Override
    public void doWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
        doWork(work);
    }

    @Override
    public long startWork(Work work) {
        submit(work);
        return 0;
    }

    @Override
    public long startWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
        submit(work);
        return 0;
    }

    @Override
    public void scheduleWork(Work work) {
        submit(work);
    }

    @Override
    public void scheduleWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
        submit(work);
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}
