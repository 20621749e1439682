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

    QueueBuffer(BufferOptions options, BufferScheduler scheduler,
                Function<String, Optional<PartitionedBuffer>> bufferLookup) {
        this(options, scheduler, bufferLookup, newPartitions(options.partitions()));
    }

    private QueueBuffer(BufferOptions options, BufferScheduler scheduler,
                        Function<String, Optional<PartitionedBuffer>> bufferLookup, QueuePartition[] queues) {
        super(options, scheduler, bufferLookup, queues);
        this.queues = queues;
    }

    private static QueuePartition[] newPartitions(int count) {
        QueuePartition[] partitions = new QueuePartition[count];
        for (int i = 0; i < count; i++) {
            partitions[i] = new QueuePartition(i);
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
        long waitDeadline = 0;
        int newSize;
        while ((newSize = tryAppend(partition, item)) < 0) {
            waitDeadline = awaitRoom(1, waitDeadline, true);
        }
        afterInsert(partition, newSize, 1);
    }

    /** The partition's new size, or -1 when the buffer is full. */
    private int tryAppend(QueuePartition partition, Object item) {
        partition.lock.lock();
        try {
            if (partition.closed) {
                throw stoppingError();
            }
            if (partition.counted && !gate().tryReserve(1, options().capacity())) {
                return -1;
            }
            return partition.appendLocked(item);
        } finally {
            partition.lock.unlock();
        }
    }

    /** Appends every item, all or none; each partition receives its items in the collection's order. */
    public void pushAll(Collection<?> items) {
        pushAll(items, null);
    }

    /** As {@link #pushAll(Collection)}, routing with {@code partitionKey} (the buffer's routing when null). */
    public void pushAll(Collection<?> items, PartitionKey partitionKey) {
        insertAll(Objects.requireNonNull(items, "items").toArray(), partitionKey, true);
    }

    /** For dead letters: a delivery thread must not wait for room, so a full buffer refuses at once. */
    void pushAllWithoutWaiting(Collection<?> items) {
        insertAll(items.toArray(), null, false);
    }

    private void insertAll(Object[] items, PartitionKey partitionKey, boolean mayWait) {
        if (items.length == 0) {
            return;
        }
        for (int i = 0; i < items.length; i++) {
            if (items[i] == null) {
                throw new NullPointerException("item (at index " + i + " of items)");
            }
        }
        int[] indexes = new int[items.length];
        int[] perPartition = new int[partitions()];
        for (int i = 0; i < items.length; i++) {
            indexes[i] = route(items[i], partitionKey);
            perPartition[indexes[i]]++;
        }
        int[] involved = PartitionRouting.distinctAscending(indexes, partitions());
        int[] newSizes = new int[involved.length];
        long waitDeadline = 0;
        while (!tryAppendAll(items, indexes, involved, perPartition, newSizes)) {
            waitDeadline = awaitRoom(items.length, waitDeadline, mayWait);
        }
        for (int i = 0; i < involved.length; i++) {
            afterInsert(queues[involved[i]], newSizes[i], perPartition[involved[i]]);
        }
    }

    /** With every involved partition locked: all or nothing. False when the buffer is full. */
    private boolean tryAppendAll(Object[] items, int[] indexes, int[] involved, int[] perPartition,
                                 int[] newSizes) {
        lockAll(involved);
        try {
            long counted = 0;
            for (int index : involved) {
                if (queues[index].closed) {
                    throw stoppingError();
                }
                if (queues[index].counted) {
                    counted += perPartition[index];
                }
            }
            if (counted > 0 && !gate().tryReserve(counted, options().capacity())) {
                return false;
            }
            for (int i = 0; i < items.length; i++) {
                queues[indexes[i]].appendLocked(items[i]);
            }
            for (int i = 0; i < involved.length; i++) {
                newSizes[i] = queues[involved[i]].size();
            }
            return true;
        } finally {
            unlockAll(involved);
        }
    }
}
