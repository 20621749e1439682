package org.partitionedbuffer.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One partition's current storage and the lock that guards it. Producers append under the lock; a drain swaps in
 * fresh storage under the same lock and takes the old one away. A write therefore lands either before the swap (and is
 * drained) or after it (and waits for the next drain): none is lost, duplicated or written into storage already handed
 * to a listener. The lock is held for an append or a pointer swap, never while a listener runs.
 */
abstract class Partition {

    private static final VarHandle SIZE;
    private static final VarHandle INSERTED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SIZE = lookup.findVarHandle(Partition.class, "size", int.class);
            INSERTED = lookup.findVarHandle(Partition.class, "inserted", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int index;
    final PartitionLock lock = new PartitionLock();
    /** Guarded by lock: set once when the buffer stops; later inserts are refused. */
    boolean closed;
    /** Guarded by lock: this partition's pending items are held in the capacity gate (capacity > 0). */
    boolean counted;
    // Written under lock with opaque stores (no fence on the hot path); read anywhere with opaque loads.
    @SuppressWarnings("unused")
    private int size;
    @SuppressWarnings("unused")
    private long inserted;

    Partition(int index) {
        this.index = index;
    }

    /** Pending items: inserted and not yet drained. */
    final int size() {
        return (int) SIZE.getOpaque(this);
    }

    /** Items ever accepted into this partition. */
    final long inserted() {
        return (long) INSERTED.getOpaque(this);
    }

    /** Under lock: records the new pending size after {@code added} items were accepted. */
    final void accepted(int newSize, int added) {
        SIZE.setOpaque(this, newSize);
        INSERTED.setOpaque(this, (long) INSERTED.getOpaque(this) + added);
    }

    /** Under lock: records the new pending size after items were removed or swapped out. */
    final void resized(int newSize) {
        SIZE.setOpaque(this, newSize);
    }

    /**
     * Swaps in empty storage and returns what was pending, or null when nothing was.
     *
     * @param gate released by the drained count when this partition is counted against capacity
     */
    final Drain swapOut(CapacityGate gate) {
        int drained;
        boolean wasCounted;
        Drain drain;
        lock.lock();
        try {
            drained = size();
            if (drained == 0) {
                return null;
            }
            drain = swapStorageLocked();
            resized(0);
            wasCounted = counted;
        } finally {
            lock.unlock();
        }
        if (wasCounted) {
            gate.release(drained);
        }
        return drain;
    }

    /** True once the partition is closed and holds nothing: it will never hold anything again. */
    final boolean closedAndEmpty() {
        lock.lock();
        try {
            return closed && size() == 0;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses every later insert. An insert already holding the lock completes first and is drained with the rest. */
    final void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Joins or leaves the capacity count, moving this partition's pending items into or out of the gate at the same
     * moment, so the gate stays exact while inserts go on.
     */
    final void countAgainstCapacity(boolean count, CapacityGate gate) {
        lock.lock();
        try {
            if (counted != count) {
                counted = count;
                gate.adjust(count ? size() : -size());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under lock: replaces the current storage with an empty one and returns the old one as a drain. */
    abstract Drain swapStorageLocked();
}
