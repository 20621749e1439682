package org.partitionedbuffer.core;

import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A {@code putAll} or {@code putAllNewer}: writes {@code keys[i] -> values[i]} for every i, in order, all or none,
 * with every partition it writes locked. With versions, each write is versioned and only newer ones are applied.
 * Room is reserved for exactly the keys the call adds.
 */
final class MapBatchWrite implements InsertAttempt {

    private final MapPartition[] partitions;
    private final CapacityGate gate;
    private final LongSupplier capacity;
    private final Object[] keys;
    private final Object[] values;
    private final long[] versions; // null for plain writes
    private final int[] indexes;
    private final int[] involved;
    private final int[] appliedPerPartition;
    private long roomNeeded;
    private int applied;

    MapBatchWrite(MapPartition[] partitions, CapacityGate gate, LongSupplier capacity, Object[] keys, Object[] values,
                  long[] versions, int[] indexes) {
        this.partitions = partitions;
        this.gate = gate;
        this.capacity = capacity;
        this.keys = keys;
        this.values = values;
        this.versions = versions;
        this.indexes = indexes;
        this.involved = PartitionRouting.distinctAscending(indexes, partitions.length);
        this.appliedPerPartition = new int[partitions.length];
    }

    @Override
    public Placement tryOnce() {
        return NestedMonitors.holding(partitions, involved, this::tryLocked);
    }

    private Placement tryLocked() {
        if (Partition.anyClosedLocked(partitions, involved)) {
            return Placement.CLOSED;
        }
        long reserved = keysToAdd();
        if (reserved > 0 && !gate.tryReserve(reserved, capacity.getAsLong())) {
            roomNeeded = reserved;
            return Placement.FULL;
        }
        long sizeBefore = MapPartition.countedSizeLocked(partitions, involved);
        for (int i = 0; i < keys.length; i++) {
            MapPartition partition = partitions[indexes[i]];
            if (versions == null) {
                partition.putLocked(keys[i], values[i]);
            } else if (partition.isNewerLocked(keys[i], versions[i])) {
                partition.putNewerLocked(keys[i], values[i], versions[i]);
            } else {
                continue;
            }
            applied++;
            appliedPerPartition[partition.index]++;
        }
        gate.release(reserved - (MapPartition.countedSizeLocked(partitions, involved) - sizeBefore));
        return Placement.PLACED;
    }

    /**
     * Under the locks: the distinct keys, in counted partitions, that the call would add. A key adds an entry when it
     * is not pending and (for versioned writes) at least one of its versions in the call is newer than the one the
     * partition knows: the first such version is applied and creates the entry.
     */
    private long keysToAdd() {
        Set<Object> added = null;
        for (int i = 0; i < keys.length; i++) {
            MapPartition partition = partitions[indexes[i]];
            if (partition.countedLocked() && !partition.containsLocked(keys[i])
                    && (versions == null || partition.isNewerLocked(keys[i], versions[i]))) {
                if (added == null) {
                    added = new HashSet<>();
                }
                added.add(keys[i]);
            }
        }
        return added == null ? 0 : added.size();
    }

    @Override
    public long roomNeeded() {
        return roomNeeded;
    }

    /** After the write: how many writes were applied (versioned writes may be ignored). */
    int applied() {
        return applied;
    }

    int[] involved() {
        return involved;
    }

    /** After the write: how many writes partition {@code index} took. */
    int appliedIn(int index) {
        return appliedPerPartition[index];
    }
}
