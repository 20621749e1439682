package org.partitionedbuffer.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
    private volatile boolean holdsDeadLetters;

    QueueBuffer(BufferOptions options, BufferScheduler scheduler,
                Function<String, Optional<PartitionedBuffer>> bufferLookup, TransactionSource transactions,
                CapacityGate gate) {
        this(options, scheduler, bufferLookup, transactions, gate, newPartitions(options, gate));
    }

    private QueueBuffer(BufferOptions options, BufferScheduler scheduler,
                        Function<String, Optional<PartitionedBuffer>> bufferLookup, TransactionSource transactions,
                        CapacityGate gate, QueuePartition[] queues) {
        super(options, scheduler, bufferLookup, transactions, gate, queues);
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
        StagedWrites stage = staging().forInsert();
        QueuePartition partition = queues[route(item, partitionKey)];
        if (stage != null) {
            staging().stage(stage, List.of(StagedWrite.push(partition.index, item)));
            return;
        }
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
        Object[] all = Objects.requireNonNull(items, "items").toArray();
        StagedWrites stage = staging().forInsert();
        if (stage == null) {
            pushAll(all, partitionKey, true);
            return;
        }
        requireNoNull(all);
        int[] indexes = routeAll(all, partitionKey);
        List<StagedWrite> writes = new ArrayList<>(all.length);
        for (int i = 0; i < all.length; i++) {
            writes.add(StagedWrite.push(indexes[i], all[i]));
        }
        staging().stage(stage, writes);
    }

    /**
     * For dead letters ({@link DeadLettered} items): a delivery thread must not wait for room, so a full buffer refuses
     * at once; and they are never staged in a transaction (no application's transaction runs a give-up).
     */
    void pushDeadLetters(List<Object> letters) {
        holdsDeadLetters = true; // before they can be drained: the delivery unwraps them from now on
        pushAll(letters.toArray(), null, false);
    }

    /** Whether dead letters were ever pushed here: only then does a delivery look for them. */
    @Override
    boolean holdsDeadLetters() {
        return holdsDeadLetters;
    }

    private void pushAll(Object[] items, PartitionKey partitionKey, boolean mayWait) {
        if (items.length == 0) {
            return;
        }
        requireNoNull(items);
        QueueBatchPush batch = new QueueBatchPush(queues, gate, () -> options().capacity(), items,
                routeAll(items, partitionKey));
        admit(batch.tryOnce(), batch, items.length, mayWait);
        for (int index : batch.involved()) {
            afterInsert(queues[index], batch.countIn(index));
        }
    }

    @Override
    void applyCommitted(List<StagedWrite> writes, long reserved) {
        Object[] items = new Object[writes.size()];
        int[] indexes = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            items[i] = writes.get(i).value();
            indexes[i] = writes.get(i).partition();
        }
        QueueBatchPush batch = new QueueBatchPush(queues, gate, () -> options().capacity(), items, indexes, reserved);
        if (batch.tryOnce() == Placement.CLOSED) {
            staging().commitRefused(items.length, reserved);
            return;
        }
        for (int index : batch.involved()) {
            afterInsert(queues[index], batch.countIn(index));
        }
    }

    private static void requireNoNull(Object[] items) {
        for (int i = 0; i < items.length; i++) {
            if (items[i] == null) {
                throw new NullPointerException("item (at index " + i + " of items)");
            }
        }
    }
}
