package org.partitionedbuffer.core;

/**
 * A queue buffer's partition: items in insertion order. A single push appends without the partition lock (a CAS on the
 * storage's tail, see {@link ItemChunks}), so producers of the same partition never wait for one another and a
 * producer that loses its processor delays nobody. The lock still serializes what changes the storage as a whole:
 * swaps, closing, capacity switches, and batch pushes, which claim one block per partition with every involved
 * partition locked so that they are all or nothing.
 */
final class QueuePartition extends Partition {

    /**
     * Where producers append. Replaced under lock by a swap, which publishes the new storage before sealing the old
     * one, so a producer that finds its storage sealed reads the new one here (or finds the partition closed).
     */
    private volatile ItemChunks current;
    /** Set under lock before the storage is sealed; read by producers whose claim found the storage sealed. */
    private volatile boolean closed;
    /** Guarded by lock: items drained so far. */
    private long drained;

    QueuePartition(int index, boolean counted, CapacityGate gate) {
        super(index, gate);
        current = new ItemChunks(counted ? ItemChunks.COUNTED : 0);
    }

    /**
     * Without the lock: appends {@code item}, or finds the buffer full (nothing reserved, nothing appended) or the
     * partition closed.
     *
     * @param capacity the buffer's capacity, used when this partition counts against it
     */
    Placement append(Object item, long capacity) {
        boolean reserved = false;
        while (true) {
            ItemChunks chunks = current;
            long tail = chunks.tail();
            if ((tail & ItemChunks.SEALED) != 0) {
                if (closed) {
                    if (reserved) {
                        gate.release(1);
                    }
                    return Placement.CLOSED;
                }
                continue; // drained meanwhile: `current` already holds the next storage
            }
            long claimed = tail & ItemChunks.CLAIMS;
            if (!chunks.hasRoomFor(claimed + 1)) {
                continue;
            }
            boolean counted = (tail & ItemChunks.COUNTED) != 0;
            if (counted != reserved) {
                if (counted) {
                    if (!gate.tryReserve(1, capacity)) {
                        return Placement.FULL;
                    }
                } else {
                    gate.release(1); // the partition left the count meanwhile
                }
                reserved = counted;
            }
            if (chunks.claim(tail, 1)) {
                chunks.store(claimed, item);
                return Placement.PLACED;
            }
        }
    }

    @Override
    boolean closedLocked() {
        return closed;
    }

    /** Under lock: appends hold room in the capacity gate. */
    boolean countedLocked() {
        return (current.tail() & ItemChunks.COUNTED) != 0;
    }

    /**
     * Under lock, open, with room already reserved when counted: appends {@code items[order[from]]} ... up to
     * {@code count} items, as one block in that order.
     */
    void appendAllLocked(Object[] items, int[] order, int from, int count) {
        ItemChunks chunks = current; // cannot change while the lock is held
        while (true) {
            long tail = chunks.tail();
            long claimed = tail & ItemChunks.CLAIMS;
            if (chunks.hasRoomFor(claimed + count) && chunks.claim(tail, count)) {
                chunks.storeAll(claimed, items, order, from, count);
                return;
            }
        }
    }

    @Override
    int size() {
        return ItemChunks.claims(current.tail());
    }

    @Override
    long inserted() {
        // Under the lock, so that a swap (which moves the claims from `current` into `drained`) is not seen half done.
        synchronized (this) {
            return drained + (current.tail() & ItemChunks.CLAIMS);
        }
    }

    @Override
    Drain swapOut() {
        long sealedTail;
        ItemChunks drainedChunks;
        synchronized (this) {
            drainedChunks = current;
            long tail = drainedChunks.tail();
            if ((tail & ItemChunks.CLAIMS) == 0) {
                return null;
            }
            current = new ItemChunks((tail & ItemChunks.COUNTED) | (closed ? ItemChunks.SEALED : 0));
            sealedTail = drainedChunks.seal();
            drained += sealedTail & ItemChunks.CLAIMS;
        }
        int count = ItemChunks.claims(sealedTail);
        if ((sealedTail & ItemChunks.COUNTED) != 0) {
            gate.release(count);
        }
        return Drain.of(drainedChunks, count);
    }

    @Override
    void close() {
        synchronized (this) {
            closed = true;
            current.seal(); // claims already made complete and are drained; later ones see `closed`
        }
    }

    @Override
    void countAgainstCapacity(boolean count) {
        synchronized (this) {
            if (countedLocked() != count) {
                int pending = current.setCounted(count);
                gate.adjust(count ? pending : -pending);
            }
        }
    }
}
