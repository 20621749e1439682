package org.partitionedbuffer.core;

import java.util.List;

/**
 * A committed transaction's writes into a map buffer: puts, versioned puts (checked again now) and deletes, in the
 * order they were made, with every partition they touch locked, so each partition receives them together, after
 * whatever other threads wrote meanwhile. Room was reserved before completion; the gate is settled with what the
 * counted partitions really gained.
 */
final class MapCommit implements InsertAttempt {

    private final MapPartition[] partitions;
    private final CapacityGate gate;
    private final List<StagedWrite> writes;
    private final long reserved;
    private final int[] involved;
    private final int[] appliedPerPartition;

    MapCommit(MapPartition[] partitions, CapacityGate gate, List<StagedWrite> writes, long reserved) {
        this.partitions = partitions;
        this.gate = gate;
        this.writes = writes;
        this.reserved = reserved;
        int[] indexes = new int[writes.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = writes.get(i).partition();
        }
        this.involved = PartitionRouting.distinctAscending(indexes, partitions.length);
        this.appliedPerPartition = new int[partitions.length];
    }

    @Override
    public Placement tryOnce() {
        return NestedMonitors.holding(partitions, involved, this::applyLocked);
    }

    private Placement applyLocked() {
        if (Partition.anyClosedLocked(partitions, involved)) {
            return Placement.CLOSED;
        }
        long sizeBefore = MapPartition.countedSizeLocked(partitions, involved);
        for (StagedWrite write : writes) {
            MapPartition partition = partitions[write.partition()];
            switch (write.kind()) {
                case PUT -> partition.putLocked(write.key(), write.value());
                case PUT_NEWER -> {
                    if (!partition.isNewerLocked(write.key(), write.version())) {
                        continue;
                    }
                    partition.putNewerLocked(write.key(), write.value(), write.version());
                }
                case DELETE -> {
                    partition.deleteLocked(write.key());
                    continue;
                }
                case PUSH -> throw new IllegalStateException("a push staged for a map buffer");
            }
            appliedPerPartition[partition.index]++;
        }
        gate.adjust(MapPartition.countedSizeLocked(partitions, involved) - sizeBefore - reserved);
        return Placement.PLACED;
    }

    int[] involved() {
        return involved;
    }

    /** After the commit: how many puts partition {@code index} took. */
    int appliedIn(int index) {
        return appliedPerPartition[index];
    }
}
