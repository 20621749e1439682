package org.partitionedbuffer.core;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The processing timeout of one partition's {@code onBatch} calls: at most one scheduled check at a time, re-armed
 * for the attempt in progress. When an attempt is still running at its deadline, the check times it out (interrupting
 * its thread, see {@link DeliveryAttempt}) and, having won that race, hands the delivery to {@code onTimeout}.
 */
final class AttemptWatchdog {

    private static final Logger LOG = Logger.getLogger(AttemptWatchdog.class.getName());

    /** What the delivery does once the watchdog owns it: records the timeout, then retries or gives up. */
    @FunctionalInterface
    interface TimeoutHandler {
        void timedOut(DeliveryAttempt attempt, long nowNanos);
    }

    private final BufferScheduler scheduler;
    private final String partitionName;
    private final TimeoutHandler onTimeout;
    /** The attempt in onBatch, published to the check. Written by the delivery run that owns the partition. */
    private volatile DeliveryAttempt current;
    private final AtomicBoolean armed = new AtomicBoolean();

    /** @param partitionName for the log: {@code Buffer 'events' partition 0} */
    AttemptWatchdog(BufferScheduler scheduler, String partitionName, TimeoutHandler onTimeout) {
        this.scheduler = scheduler;
        this.partitionName = partitionName;
        this.onTimeout = onTimeout;
    }

    /** Watches {@code attempt}, which has just begun. */
    void watch(DeliveryAttempt attempt) {
        current = attempt;
        arm(attempt.deadlineNanos() - attempt.startNanos());
    }

    /** The attempt watched finished before its deadline. */
    void finished() {
        current = null;
    }

    private void arm(long delayNanos) {
        if (!armed.get() && armed.compareAndSet(false, true)) {
            schedule(delayNanos);
        }
    }

    private void schedule(long delayNanos) {
        try {
            scheduler.schedule(this::check, TimeUnit.NANOSECONDS.toMillis(Math.max(0, delayNanos) + 999_999));
        } catch (RuntimeException timerGone) {
            armed.set(false);
            LOG.log(Level.WARNING, timerGone, () -> partitionName + ": cannot schedule the processing timeout check");
        }
    }

    private void check() {
        DeliveryAttempt attempted = current;
        long now = scheduler.nanoTime();
        if (attempted != null && attempted.isRunning()) {
            long remaining = attempted.deadlineNanos() - now;
            if (remaining > 0) {
                schedule(remaining); // still armed, for the attempt in progress
                return;
            }
            if (attempted.timeOut()) {
                onTimeout.timedOut(attempted, now);
            }
        }
        armed.set(false);
        DeliveryAttempt next = current; // an attempt that started while this check still looked armed
        if (next != null && next.isRunning()) {
            arm(next.deadlineNanos() - scheduler.nanoTime());
        }
    }
}
