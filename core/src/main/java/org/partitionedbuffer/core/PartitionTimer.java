package org.partitionedbuffer.core;

import java.util.function.LongSupplier;

/**
 * The interval timer of one partition: every {@code processingIntervalMs} it asks for a drain if anything is pending.
 * It re-arms itself before asking, so a slow delivery never delays the next tick; a tick that finds a delivery in
 * progress marks the partition due, and the delivery drains again as soon as it finishes. A changed interval takes
 * effect at once ({@link #restart()}).
 */
final class PartitionTimer {

    private final Partition partition;
    private final PartitionDelivery delivery;
    private final BufferScheduler scheduler;
    private final LongSupplier intervalMillis;

    // All guarded by this. A tick carries the generation it was armed in; an older one does nothing.
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

    synchronized void start() {
        arm();
    }

    /** Cancels the armed tick and arms one a full (possibly new) interval from now. */
    synchronized void restart() {
        if (stopped) {
            return;
        }
        cancelPending();
        generation++;
        arm();
    }

    synchronized void stop() {
        stopped = true;
        cancelPending();
    }

    private void arm() {
        long armedIn = generation;
        pending = scheduler.schedule(() -> tick(armedIn), intervalMillis.getAsLong());
    }

    private void cancelPending() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    private void tick(long armedIn) {
        synchronized (this) {
            if (stopped || armedIn != generation) {
                return;
            }
            arm();
        }
        if (partition.size() > 0) {
            delivery.request();
        }
    }
}
