package org.partitionedbuffer.core;

/**
 * One partition's current storage. Its lock ("under lock" in the subclasses) is the partition object's monitor: it
 * serializes what changes the storage as a whole. A drain swaps in fresh storage and takes the old one away, so every
 * write lands either before the swap (and is drained) or after it (and waits for the next drain): none is lost,
 * duplicated or written into storage already handed to a listener. The lock is held for a write, a batch write or a
 * pointer swap, never while a listener runs. A map partition writes under the lock; a queue partition appends single
 * items without it (see {@link QueuePartition}).
 *
 * <p>A monitor rather than a {@code ReentrantLock}: with two producers on two cores, map puts ran 1.2 to 1.6 times
 * faster with it (HotSpot spins adaptively before parking; the lock parked on most collisions). Batch calls nest the
 * monitors of the partitions they write, in ascending index order ({@link NestedMonitors}). The monitor belongs to
 * a package-private object no caller outside the engine can reach.
 */
abstract class Partition {

    final int index;
    /** The buffer's count of pending items, which this partition's items join while it is counted. */
    final CapacityGate gate;

    Partition(int index, CapacityGate gate) {
        this.index = index;
        this.gate = gate;
    }

    /** Pending items: inserted and not yet drained. */
    abstract int size();

    /** Items ever accepted into this partition. */
    abstract long inserted();

    /**
     * Swaps in empty storage and returns what was pending, or null when nothing was. Drained items counted against
     * capacity leave the gate.
     */
    abstract Drain swapOut();

    /** True once the partition is closed and holds nothing: it will never hold anything again. */
    final boolean closedAndEmpty() {
        synchronized (this) {
            return closedLocked() && size() == 0;
        }
    }

    /** Under lock: the partition refuses inserts. */
    abstract boolean closedLocked();

    /** Under the locks of {@code partitions[indexes[...]]}: whether any of them is closed. */
    static boolean anyClosedLocked(Partition[] partitions, int[] indexes) {
        for (int index : indexes) {
            if (partitions[index].closedLocked()) {
                return true;
            }
        }
        return false;
    }

    /** Refuses every later insert. An insert already under way completes first and is drained with the rest. */
    abstract void close();

    /**
     * Joins or leaves the capacity count, moving this partition's pending items into or out of the gate at the same
     * moment, so the gate stays exact while inserts go on.
     */
    abstract void countAgainstCapacity(boolean count);
}
