package org.partitionedbuffer.core;

/** A queue buffer's partition: items in insertion order. */
final class QueuePartition extends Partition {

    /** Guarded by lock. */
    private ItemChunks items = new ItemChunks();

    QueuePartition(int index) {
        super(index);
    }

    /** Under lock: appends one item and returns the partition's new pending size. */
    int appendLocked(Object item) {
        ItemChunks current = items;
        current.add(item);
        int newSize = current.size();
        accepted(newSize, 1);
        return newSize;
    }

    @Override
    Drain swapStorageLocked() {
        ItemChunks drained = items;
        items = new ItemChunks();
        return Drain.of(drained);
    }
}
