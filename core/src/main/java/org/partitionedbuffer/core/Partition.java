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
 * monitors of the partitions they write ({@link PartitionedBuffer#withPartitionsLocked}).
 */
abstract class Partition {

    final int index;

    Partition(int index) {
        this.index = index;
    }

    /** Pending items: inserted and not yet drained. */
    abstract int size();

    /** Items ever accepted into this partition. */
    abstract long inserted();

    /**
     * Swaps in empty storage and returns what was pending, or null when nothing was.
     *
     * @param gate released by the drained count when the drained items were counted against capacity
     */
    abstract Drain swapOut(CapacityGate gate);

    /** True once the partition is closed and holds nothing: it will never hold anything again. */
    final boolean closedAndEmpty() {
        synchronized (this) {
            return closedLocked() && size() == 0;
        }
    }

    /** Under lock: the partition refuses inserts. */
    abstract boolean closedLocked();

    /** Refuses every later insert. An insert already under way completes first and is drained with the rest. */
    abstract void close();

    /**
     * Joins or leaves the capacity count, moving this partition's pending items into or out of the gate at the same
     * moment, so the gate stays exact while inserts go on.
     */
    abstract void countAgainstCapacity(boolean count, CapacityGate gate);
}
