package org.partitionedbuffer.core;

import java.util.function.LongSupplier;

/**
 * The interval timer of one partition: every {@code processingIntervalMs} it asks for a drain if anything is pending.
 * It re-arms itself before asking, so a slow delivery never delays the next tick; a tick that finds a delivery in
 * progress marks the partition due, and the delivery drains again as soon as it finishes. A changed interval takes
 * effect at once ({@link #restart()}).
 *
 * <p>Each armed tick belongs to a generation; a tick of an older generation, or one armed after {@link #stop()}, does
 * nothing and is called off. The scheduler is called outside the timer's lock.
 */
final class PartitionTimer {

    private final Partition partition;
    private final PartitionDelivery delivery;
    private final BufferScheduler scheduler;
    private final LongSupplier intervalMillis;
    private final Object lock = new Object();

    // Guarded by lock.
    private BufferScheduler.Cancellable pending;
    private long generation;
    private boolean stopped;

    PartitionTimer(Partition partition, PartitionDelivery delivery, BufferScheduler scheduler,
                   LongSupplier intervalMillis) {
        this.partition = partition;
        this.delivery = delivery;
        this.scheduler = scheduler;
        this.intervalMillis = intervalMillis;
    }

    /** Arms the first tick; called once, when the buffer starts. */
    void start() {
        long armedIn;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            armedIn = generation;
        }
        arm(armedIn);
    }

    /** Calls off the armed tick and arms one a full (possibly new) interval from now. */
    void restart() {
        BufferScheduler.Cancellable previous;
        long armedIn;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            previous = pending;
            pending = null;
            armedIn = ++generation;
        }
        if (previous != null) {
            previous.cancel();
        }
        arm(armedIn);
    }

    void stop() {
        BufferScheduler.Cancellable previous;
        synchronized (lock) {
            stopped = true;
            previous = pending;
            pending = null;
        }
        if (previous != null) {
            previous.cancel();
        }
    }

    private void arm(long armedIn) {
        BufferScheduler.Cancellable armed = scheduler.schedule(() -> tick(armedIn), intervalMillis.getAsLong());
        synchronized (lock) {
            if (!stopped && armedIn == generation) {
                pending = armed;
                return;
            }
        }
        armed.cancel(); // stopped or restarted while it was being armed
    }

    private void tick(long armedIn) {
        synchronized (lock) {
            if (stopped || armedIn != generation) {
                return;
            }
            pending = null;
        }
        arm(armedIn);
        if (partition.size() > 0) {
            delivery.request(DrainReason.INTERVAL);
        }
    }
}
