package org.partitionedbuffer.core;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.partitionedbuffer.api.BatchListener;
import org.partitionedbuffer.api.BufferType;

/**
 * What a partition's delivery needs of its buffer, and no more: the listener and options of the moment, the buffer's
 * lifecycle (stopping, deadlines), its telemetry and where given-up items go. The buffer builds one for all its
 * partitions; a test builds one by hand to drive a {@link PartitionDelivery} alone.
 *
 * @param attachedListener gives the listener attached now, or null while none is
 * @param currentOptions   gives the buffer's options now
 * @param deadLettersHeld  tells whether the buffer's storage may hold {@link DeadLettered} items
 */
record DeliveryContext(String bufferName, BufferType type, Supplier<BatchListener> attachedListener,
                       Supplier<BufferOptions> currentOptions, BufferLifecycle lifecycle, Telemetry telemetry,
                       DeadLetters deadLetters, BooleanSupplier deadLettersHeld) {

    /** The listener attached now, or null. */
    BatchListener listener() {
        return attachedListener.get();
    }

    BufferOptions options() {
        return currentOptions.get();
    }

    /** Whether the buffer's storage may hold dead letters to unwrap: a dead-letter buffer's. */
    boolean holdsDeadLetters() {
        return deadLettersHeld.getAsBoolean();
    }
}
