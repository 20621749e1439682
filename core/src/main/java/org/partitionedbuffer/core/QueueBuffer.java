package org.partitionedbuffer.core;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.partitionedbuffer.api.PartitionKey;

/**
 * A buffer of items in insertion order: within a partition, each thread's pushes are delivered in the order it made
 * them. Every accepted push is delivered, or counted as failed.
 */
public final class QueueBuffer extends PartitionedBuffer {

    private final QueuePartition[] queues;
    private final CapacityGate gate;

    QueueBuffer(BufferOptions options, BufferScheduler scheduler,
                Function<String, Optional<PartitionedBuffer>> bufferLookup, CapacityGate gate) {
        this(options, scheduler, bufferLookup, gate, newPartitions(options, gate));
    }

    private QueueBuffer(BufferOptions options, BufferScheduler scheduler,
                        Function<String, Optional<PartitionedBuffer>> bufferLookup, CapacityGate gate,
                        QueuePartition[] queues) {
        super(options, scheduler, bufferLookup, gate, queues);
        this.queues = queues;
        this.gate = gate;
    }

    private static QueuePartition[] newPartitions(BufferOptions options, CapacityGate gate) {
        QueuePartition[] partitions = new QueuePartition[options.partitions()];
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = new QueuePartition(i, options.capacity() > 0, gate);
        }
        return partitions;
    }

    /** Appends {@code item} to the partition the buffer's routing selects. */
    public void push(Object item) {
        push(item, null);
    }

    /** Appends {@code item} to the partition {@code partitionKey} selects (the buffer's routing when null). */
    public void push(Object item, PartitionKey partitionKey) {
        Objects.requireNonNull(item, "item");
        QueuePartition partition = queues[route(item, partitionKey)];
        admit(partition.append(item, options().capacity()), () -> partition.append(item, options().capacity()), 1,
                true);
        afterInsert(partition, 1);
    }

    /** Appends every item, all or none; each partition receives its items in the collection's order. */
    public void pushAll(Collection<?> items) {
        pushAll(items, null);
    }

    /** As {@link #pushAll(Collection)}, routing with {@code partitionKey} (the buffer's routing when null). */
    public void pushAll(Collection<?> items, PartitionKey partitionKey) {
        pushAll(Objects.requireNonNull(items, "items").toArray(), partitionKey, true);
    }

    /** For dead letters: a delivery thread must not wait for room, so a full buffer refuses at once. */
    void pushAllWithoutWaiting(Collection<?> items) {
        pushAll(items.toArray(), null, false);
    }

    private void pushAll(Object[] items, PartitionKey partitionKey, boolean mayWait) {
        if (items.length == 0) {
            return;
        }
        for (int i = 0; i < items.length; i++) {
            if (items[i] == null) {
                throw new NullPointerException("item (at index " + i + " of items)");
            }
        }
        QueueBatchPush batch = new QueueBatchPush(queues, gate, () -> options().capacity(), items,
                routeAll(items, partitionKey));
        admit(batch.tryOnce(), batch, items.length, mayWait);
        for (int index : batch.involved()) {
            afterInsert(queues[index], batch.countIn(index));
        }
    }
}
