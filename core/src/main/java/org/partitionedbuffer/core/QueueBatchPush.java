package org.partitionedbuffer.core;

import java.util.function.LongSupplier;

/**
 * A {@code pushAll}: its items grouped by partition, each group in the call's order, appended all or none with every
 * partition it writes locked, each group as one block.
 */
final class QueueBatchPush implements InsertAttempt {

    private final QueuePartition[] partitions;
    private final CapacityGate gate;
    private final LongSupplier capacity;
    private final Object[] items;
    /** The partitions written, ascending. */
    private final int[] involved;
    /** Items per partition index. */
    private final int[] perPartition;
    /** Where each partition's group starts in {@link #order}. */
    private final int[] groupStart;
    /** Item positions grouped by partition, each group in the call's order. */
    private final int[] order;
    /** Room a committing transaction reserved for these items; {@link #RESERVE_NOW} for a call that takes its own. */
    private final long reserved;

    static final long RESERVE_NOW = -1;

    /**
     * @param items   the items, none null
     * @param indexes the partition of each item
     */
    QueueBatchPush(QueuePartition[] partitions, CapacityGate gate, LongSupplier capacity, Object[] items,
                   int[] indexes) {
        this(partitions, gate, capacity, items, indexes, RESERVE_NOW);
    }

    /**
     * @param reserved room a committing transaction took for these items before completion: the push then takes no
     *                 more, and settles the difference with what the counted partitions really receive
     */
    QueueBatchPush(QueuePartition[] partitions, CapacityGate gate, LongSupplier capacity, Object[] items,
                   int[] indexes, long reserved) {
        this.reserved = reserved;
        this.partitions = partitions;
        this.gate = gate;
        this.capacity = capacity;
        this.items = items;
        this.involved = PartitionRouting.distinctAscending(indexes, partitions.length);
        this.perPartition = new int[partitions.length];
        for (int index : indexes) {
            perPartition[index]++;
        }
        this.groupStart = new int[partitions.length];
        for (int p = 1; p < groupStart.length; p++) {
            groupStart[p] = groupStart[p - 1] + perPartition[p - 1];
        }
        this.order = new int[items.length]; // a counting sort of the positions by partition
        int[] next = groupStart.clone();
        for (int i = 0; i < items.length; i++) {
            order[next[indexes[i]]++] = i;
        }
    }

    @Override
    public Placement tryOnce() {
        return NestedMonitors.holding(partitions, involved, this::tryLocked);
    }

    private Placement tryLocked() {
        long counted = 0;
        for (int index : involved) {
            if (partitions[index].closedLocked()) {
                return Placement.CLOSED;
            }
            if (partitions[index].countedLocked()) {
                counted += perPartition[index];
            }
        }
        if (reserved != RESERVE_NOW) {
            gate.adjust(counted - reserved); // a commit must not fail: capacity was checked before completion
        } else if (counted > 0 && !gate.tryReserve(counted, capacity.getAsLong())) {
            return Placement.FULL;
        }
        for (int index : involved) {
            partitions[index].appendAllLocked(items, order, groupStart[index], perPartition[index]);
        }
        return Placement.PLACED;
    }

    @Override
    public long roomNeeded() {
        return items.length;
    }

    /** The partitions written, ascending. */
    int[] involved() {
        return involved;
    }

    /** How many items the call writes into partition {@code index}. */
    int countIn(int index) {
        return perPartition[index];
    }
}
