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
        this(options, scheduler, bufferLookup, newPartitions(options));
    }

    private QueueBuffer(BufferOptions options, BufferScheduler scheduler,
                        Function<String, Optional<PartitionedBuffer>> bufferLookup, QueuePartition[] queues) {
        super(options, scheduler, bufferLookup, queues);
        this.queues = queues;
    }

    private static QueuePartition[] newPartitions(BufferOptions options) {
        QueuePartition[] partitions = new QueuePartition[options.partitions()];
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = new QueuePartition(i, options.capacity() > 0);
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
        while ((newSize = partition.append(item, gate(), options().capacity())) < 0) {
            if (newSize == QueuePartition.CLOSED) {
                throw stoppingError();
            }
            waitDeadline = awaitRoom(1, waitDeadline, true);
        }
        afterInsert(partition, newSize, 1);
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
        // The item positions grouped by partition, each group in the collection's order (a counting sort).
        int[] groupStart = new int[partitions()];
        for (int p = 1; p < groupStart.length; p++) {
            groupStart[p] = groupStart[p - 1] + perPartition[p - 1];
        }
        int[] order = new int[items.length];
        int[] next = groupStart.clone();
        for (int i = 0; i < items.length; i++) {
            order[next[indexes[i]]++] = i;
        }
        int[] newSizes = new int[involved.length];
        long waitDeadline = 0;
        while (!tryAppendAll(items, order, groupStart, involved, perPartition, newSizes)) {
            waitDeadline = awaitRoom(items.length, waitDeadline, mayWait);
        }
        for (int i = 0; i < involved.length; i++) {
            afterInsert(queues[involved[i]], newSizes[i], perPartition[involved[i]]);
        }
    }

    /** With every involved partition locked: all or nothing. False when the buffer is full. */
    private boolean tryAppendAll(Object[] items, int[] order, int[] groupStart, int[] involved, int[] perPartition,
                                 int[] newSizes) {
        return withPartitionsLocked(involved, () -> {
            long counted = 0;
            for (int index : involved) {
                if (queues[index].closedLocked()) {
                    throw stoppingError();
                }
                if (queues[index].countedLocked()) {
                    counted += perPartition[index];
                }
            }
            if (counted > 0 && !gate().tryReserve(counted, options().capacity())) {
                return 0;
            }
            for (int i = 0; i < involved.length; i++) {
                int p = involved[i];
                newSizes[i] = queues[p].appendAllLocked(items, order, groupStart[p], perPartition[p]);
            }
            return 1;
        }) == 1;
    }
}
