package org.partitionedbuffer.core;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The storage of a queue partition: items appended in order into chunks of 1,024 slots. Growing never copies more
 * than one small chunk, so an append under the partition lock stays short however many items pile up, and a drained
 * instance is read in place by the batches without copying.
 *
 * <p>Not thread-safe: the partition lock guards it while it is current; once swapped out it is never written again, and
 * the hand-off to the delivery thread publishes it.
 */
final class ItemChunks {

    private static final int SHIFT = 10;
    static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;
    private static final int FIRST_CHUNK = 16;

    private Object[][] chunks = new Object[4][];
    private int chunkCount = 1;
    private Object[] tail;
    private int tailSize;
    private int size;

    ItemChunks() {
        tail = new Object[FIRST_CHUNK];
        chunks[0] = tail;
    }

    void add(Object item) {
        if (tailSize == tail.length) {
            makeRoom();
        }
        tail[tailSize++] = item;
        size++;
    }

    /** The first chunk grows by doubling up to a full chunk, so small drains stay small; then whole chunks follow. */
    private void makeRoom() {
        if (tail.length < CHUNK) {
            tail = Arrays.copyOf(tail, Math.min(CHUNK, tail.length * 2));
            chunks[chunkCount - 1] = tail;
            return;
        }
        if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunkCount * 2);
        }
        tail = new Object[CHUNK];
        chunks[chunkCount++] = tail;
        tailSize = 0;
    }

    int size() {
        return size;
    }

    Object get(int index) {
        return chunks[index >>> SHIFT][index & MASK];
    }

    /** A read-only view of items {@code from} (inclusive) to {@code to} (exclusive). */
    List<Object> slice(int from, int to) {
        return new Slice(this, from, to);
    }

    private static final class Slice extends AbstractList<Object> implements RandomAccess {
        private final ItemChunks items;
        private final int from;
        private final int size;

        Slice(ItemChunks items, int from, int to) {
            this.items = items;
            this.from = from;
            this.size = to - from;
        }

        @Override
        public Object get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("index " + index + ", size " + size);
            }
            return items.get(from + index);
        }

        @Override
        public int size() {
            return size;
        }
    }
}
