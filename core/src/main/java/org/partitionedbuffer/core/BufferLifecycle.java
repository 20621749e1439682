package org.partitionedbuffer.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.partitionedbuffer.api.BufferEventListener;

/**
 * A buffer's life: created, running (its timers armed), stopping (inserts refused, a deadline for delivering what is
 * left), stopped (every partition delivered or gave up all it held). It tells observers of each partition's start and
 * stop exactly once and in order, observers that join late too (they are told first what already happened), and it
 * never calls an observer under its lock: events are recorded under the lock and published after it.
 */
final class BufferLifecycle {

    private enum State { CREATED, RUNNING, STOPPING, STOPPED }

    private final int partitions;
    private final BufferScheduler clock;
    private final Telemetry telemetry;
    private final OrderedEvents events = new OrderedEvents();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final Object lock = new Object();

    /** Changed under lock. The stop deadline is written before the state becomes STOPPING, so it is seen with it. */
    private volatile State state = State.CREATED;
    private volatile long stopDeadlineNanos;
    // Guarded by lock.
    private long startNanos;
    private long startMillis;
    private final long[] runNanos; // per finished partition: how long it ran, for observers joining late
    private final boolean[] finished;
    private int finishedCount;

    BufferLifecycle(int partitions, BufferScheduler clock, Telemetry telemetry) {
        this.partitions = partitions;
        this.clock = clock;
        this.telemetry = telemetry;
        this.runNanos = new long[partitions];
        this.finished = new boolean[partitions];
    }

    /** Created to running. True for the one call that started the buffer: its caller arms the timers. */
    boolean start() {
        synchronized (lock) {
            if (state != State.CREATED) {
                return false;
            }
            state = State.RUNNING;
            startNanos = clock.nanoTime();
            startMillis = clock.currentTimeMillis();
            BufferEventListener[] observers = telemetry.observers();
            long at = startMillis;
            for (int partition = 0; partition < partitions; partition++) {
                int index = partition;
                events.add(() -> telemetry.partitionStarted(observers, index, at));
            }
        }
        events.publish();
        return true;
    }

    /**
     * To stopping, with a deadline {@code timeoutMillis} from now for what is left. True for the one call that began
     * the stop: its caller closes the partitions and asks for their last drains.
     */
    boolean beginStop(long timeoutMillis) {
        synchronized (lock) {
            if (state == State.STOPPING || state == State.STOPPED) {
                return false;
            }
            if (state == State.CREATED) {
                startNanos = clock.nanoTime();
            }
            stopDeadlineNanos = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            state = State.STOPPING;
            return true;
        }
    }

    /** Completes when every partition has finished; the same future always. */
    CompletableFuture<Void> stopped() {
        return stopped;
    }

    /** True from the moment the stop began. */
    boolean isStopping() {
        State current = state;
        return current == State.STOPPING || current == State.STOPPED;
    }

    boolean isStopped() {
        return state == State.STOPPED;
    }

    /** Partition {@code partition} of a stopping buffer holds nothing and never will; the last one ends the stop. */
    void partitionFinished(int partition) {
        synchronized (lock) {
            if (finished[partition]) {
                return;
            }
            finished[partition] = true;
            long ran = clock.nanoTime() - startNanos;
            runNanos[partition] = ran;
            BufferEventListener[] observers = telemetry.observers();
            events.add(() -> telemetry.partitionStopped(observers, partition, ran));
            if (++finishedCount == partitions) {
                state = State.STOPPED;
                events.add(() -> stopped.complete(null)); // after the observers heard of every partition's stop
            }
        }
        events.publish();
    }

    /**
     * Adds {@code observer}, first telling it which partitions already started and stopped, with their original time
     * and duration; from then on it hears the live events. Each event reaches it once.
     */
    void addObserverWithHistory(BufferEventListener observer) {
        synchronized (lock) {
            if (state != State.CREATED) {
                BufferEventListener[] only = {observer};
                long at = startMillis;
                for (int partition = 0; partition < partitions; partition++) {
                    int index = partition;
                    events.add(() -> telemetry.partitionStarted(only, index, at));
                    if (finished[partition]) {
                        long ran = runNanos[partition];
                        events.add(() -> telemetry.partitionStopped(only, index, ran));
                    }
                }
            }
            telemetry.add(observer);
        }
        events.publish();
    }

    boolean pastStopDeadline() {
        return clock.nanoTime() - stopDeadlineNanos >= 0;
    }

    /** When an attempt starting at {@code startNanos} must end: its timeout, or the stop deadline if sooner. */
    long attemptDeadline(long startNanos, long timeoutNanos) {
        long deadline = startNanos + timeoutNanos;
        if (isStopping() && stopDeadlineNanos - deadline < 0) {
            return stopDeadlineNanos;
        }
        return deadline;
    }

    /** Whether a retry after {@code backoffMillis} still happens before a stop's deadline (always, when running). */
    boolean retryFitsStop(long backoffMillis) {
        return !isStopping()
                || stopDeadlineNanos - clock.nanoTime() > TimeUnit.MILLISECONDS.toNanos(backoffMillis);
    }
}
