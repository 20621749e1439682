package org.partitionedbuffer.core;

/**
 * Where a buffer gets its threads and its time. The engine starts no thread of its own: the resource adapter implements
 * this with the {@code BootstrapContext} WorkManager, tests with a hand-driven fake, benchmarks with an executor.
 *
 * <p>Tasks given to {@link #execute} deliver batches and may run for as long as a listener takes; tasks given to
 * {@link #schedule} are short (a tick, a watchdog check, the hand-off of a retry to {@link #execute}), so an
 * implementation may run them all on one timer thread.
 */
public interface BufferScheduler {

    /**
     * Runs {@code task} soon on a worker thread. When the task is a {@link RefusableTask} and the worker pool, having
     * taken it, refuses it later, the implementation calls its {@link RefusableTask#refused} instead of running it.
     *
     * @throws java.util.concurrent.RejectedExecutionException when no thread can take it now; the engine tries again
     */
    void execute(Runnable task);

    /**
     * A task that hears when it will not run after all. An application server may accept Work and then refuse it
     * (Open Liberty refuses the Work of an application that is stopping); a task the engine never hears of again
     * would hold its partition forever.
     */
    interface RefusableTask extends Runnable {
        /** The task will not run: called at most once, instead of {@link #run}, on any thread. */
        void refused(Exception why);
    }

    /** Runs the short {@code task} once, {@code delayMillis} from now. */
    Cancellable schedule(Runnable task, long delayMillis);

    /** A monotonic time for durations and deadlines; the system's unless a test drives time by hand. */
    default long nanoTime() {
        return System.nanoTime();
    }

    /** The wall-clock time for telemetry; the system's unless a test drives time by hand. */
    default long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    /** A scheduled task that may be called off before it runs. */
    @FunctionalInterface
    interface Cancellable {
        /** Stops the task from running if it has not started; harmless when it already ran. */
        void cancel();
    }
}
