package org.partitionedbuffer.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A {@link BufferScheduler} driven by the test: time is a fake clock that moves only in {@link #advance}, timers fire
 * in due order as it passes them, and executed tasks wait in a queue until {@link #runReady()} runs them on the test
 * thread. So ticks, retries, backoffs and timeouts happen exactly when the test says, with no sleeps.
 *
 * <p>Tests that need a listener to block while time passes (timeouts) give a real {@link Executor} for the tasks; the
 * clock and the timers stay manual.
 */
final class ManualScheduler implements BufferScheduler {

    private static final long EPOCH_MILLIS = 1_700_000_000_000L;

    private final Executor workers;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(); // guarded by this
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();       // guarded by this
    private long nowNanos;                                               // guarded by this
    private long sequence;                                               // guarded by this

    /** Executed tasks queue until {@link #runReady()}. */
    ManualScheduler() {
        this(null);
    }

    /** Executed tasks run on {@code workers}; timers still fire only in {@link #advance}. */
    ManualScheduler(Executor workers) {
        this.workers = workers;
    }

    @Override
    public void execute(Runnable task) {
        if (workers != null) {
            workers.execute(task);
            return;
        }
        synchronized (this) {
            ready.add(task);
        }
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delayMillis) {
        Timer timer = new Timer(nowNanos + TimeUnit.MILLISECONDS.toNanos(delayMillis), sequence++, task);
        timers.add(timer);
        return () -> {
            synchronized (ManualScheduler.this) {
                timers.remove(timer);
            }
        };
    }

    @Override
    public synchronized long nanoTime() {
        return nowNanos;
    }

    @Override
    public synchronized long currentTimeMillis() {
        return EPOCH_MILLIS + TimeUnit.NANOSECONDS.toMillis(nowNanos);
    }

    /** Runs queued tasks, and the tasks they queue, until none is left. */
    void runReady() {
        while (true) {
            Runnable task;
            synchronized (this) {
                task = ready.poll();
            }
            if (task == null) {
                return;
            }
            task.run();
        }
    }

    /**
     * Refuses every queued task instead of running it, as an application server refusing Work it had accepted: each
     * {@link RefusableTask} hears it (and may queue more); returns how many were refused.
     */
    int refuseReady(Exception why) {
        List<Runnable> refused;
        synchronized (this) {
            refused = new ArrayList<>(ready);
            ready.clear();
        }
        for (Runnable task : refused) {
            ((RefusableTask) task).refused(why);
        }
        return refused.size();
    }

    /** Moves the clock forward, firing each timer at its due time (in order) and running ready tasks after each. */
    void advance(long millis) {
        runReady();
        fireTimers(millis, true);
        runReady();
    }

    /** Moves the clock forward firing due timers, but leaves the tasks they execute queued (to refuse them). */
    void advanceTimersOnly(long millis) {
        fireTimers(millis, false);
    }

    private void fireTimers(long millis, boolean runReadyAfterEach) {
        long target;
        synchronized (this) {
            target = nowNanos + TimeUnit.MILLISECONDS.toNanos(millis);
        }
        while (true) {
            Timer due;
            synchronized (this) {
                Timer next = timers.peek();
                if (next == null || next.dueNanos > target) {
                    nowNanos = target;
                    return;
                }
                due = timers.poll();
                nowNanos = Math.max(nowNanos, due.dueNanos);
            }
            due.task.run();
            if (runReadyAfterEach) {
                runReady();
            }
        }
    }

    /** Timers scheduled and not yet fired or cancelled. */
    synchronized int pendingTimers() {
        return timers.size();
    }

    private record Timer(long dueNanos, long sequence, Runnable task) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(dueNanos, other.dueNanos);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
