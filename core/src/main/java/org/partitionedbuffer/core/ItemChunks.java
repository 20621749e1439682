package org.partitionedbuffer.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The storage of a queue partition between two drains: items in claim order, in linked chunks (16, 48, 192 and 768
 * slots, then 1,024 each, so small drains stay small and nothing is ever copied).
 *
 * <p>Producers append without a lock: a producer makes room first (linking a chunk, the only allocation), then claims
 * the next slots with a CAS on {@code tail}, then stores its items into them. The word {@code tail} also carries two
 * flags that only the partition lock holder changes, by CAS on the same word, so every claim is ordered before or
 * after each change: {@link #SEALED} (no more claims: the storage is being drained, or the partition closed) and
 * {@link #COUNTED} (claims hold room in the capacity gate). Once sealed, the claimed slots are final; a reader waits
 * for a slot still being written (a producer between its claim and its store, which neither allocates nor throws).
 */
final class ItemChunks {

    /** Flag of {@code tail}: no more claims. */
    static final long SEALED = 1L << 62;
    /** Flag of {@code tail}: claims hold room in the capacity gate. */
    static final long COUNTED = 1L << 61;
    /** The claimed-slot count in {@code tail}. */
    static final long CLAIMS = COUNTED - 1;

    private static final int SHIFT = 10;
    private static final int CHUNK = 1 << SHIFT;
    private static final int[] FIRST_SIZES = {16, 48, 192, 768};
    private static final int[] FIRST_BASES = {0, 16, 64, 256};

    private static final VarHandle TAIL;
    private static final VarHandle LAST;
    private static final VarHandle NEXT;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(ItemChunks.class, "tail", long.class);
            LAST = lookup.findVarHandle(ItemChunks.class, "last", Chunk.class);
            NEXT = lookup.findVarHandle(Chunk.class, "next", Chunk.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final class Chunk {
        final int ordinal;
        final long base;
        final Object[] slots;
        final Chunk previous;
        /** Linked once, by CAS, by the first producer that needs room past this chunk. */
        volatile Chunk next;

        Chunk(int ordinal, long base, Chunk previous) {
            this.ordinal = ordinal;
            this.base = base;
            this.slots = new Object[ordinal < FIRST_SIZES.length ? FIRST_SIZES[ordinal] : CHUNK];
            this.previous = previous;
        }

        long end() {
            return base + slots.length;
        }
    }

    /** The newest linked chunk: claims take room up to its end. Advanced by CAS by producers, never moves back. */
    private volatile Chunk last;
    /** Claimed slots and the flags: producers CAS it to claim, the partition lock holder to set a flag. */
    private volatile long tail;

    // Read only by the delivery run that owns the drained storage: the chunks by ordinal, built once.
    private Chunk[] byOrdinal;

    ItemChunks(long flags) {
        last = new Chunk(0, 0, null);
        tail = flags;
    }

    static int claims(long tail) {
        return (int) Math.min(tail & CLAIMS, Integer.MAX_VALUE);
    }

    long tail() {
        return tail;
    }

    boolean claim(long expectedTail, int count) {
        return TAIL.compareAndSet(this, expectedTail, expectedTail + count);
    }

    /** Whether slots up to {@code end} (exclusive) exist; when not, links chunks until they do. */
    boolean hasRoomFor(long end) {
        Chunk newest = last;
        if (newest.end() >= end) {
            return true;
        }
        while (newest.end() < end) {
            Chunk next = newest.next;
            if (next == null) {
                Chunk fresh = new Chunk(newest.ordinal + 1, newest.end(), newest);
                next = NEXT.compareAndSet(newest, null, fresh) ? fresh : newest.next;
            }
            LAST.compareAndSet(this, newest, next);
            newest = next;
        }
        return false;
    }

    /** Stores {@code item} in the claimed slot {@code index}; nothing here allocates or throws. */
    void store(long index, Object item) {
        Chunk chunk = last;
        while (chunk.base > index) {
            chunk = chunk.previous;
        }
        while (chunk.end() <= index) {
            chunk = chunk.next;
        }
        SLOT.setRelease(chunk.slots, (int) (index - chunk.base), item);
    }

    /** Stores {@code items[order[from]]}, {@code items[order[from + 1]]} ... into the claimed slots from {@code start}. */
    void storeAll(long start, Object[] items, int[] order, int from, int count) {
        Chunk chunk = last;
        while (chunk.base > start) {
            chunk = chunk.previous;
        }
        for (int i = 0; i < count; i++) {
            long slot = start + i;
            while (chunk.end() <= slot) {
                chunk = chunk.next;
            }
            SLOT.setRelease(chunk.slots, (int) (slot - chunk.base), items[order[from + i]]);
        }
    }

    /** Sets {@link #SEALED}; returns the final tail. Under the partition lock. */
    long seal() {
        while (true) {
            long current = tail;
            if ((current & SEALED) != 0 || TAIL.compareAndSet(this, current, current | SEALED)) {
                return current | SEALED;
            }
        }
    }

    /** Sets or clears {@link #COUNTED}; returns the claims at that moment. Under the partition lock. */
    int setCounted(boolean counted) {
        while (true) {
            long current = tail;
            long next = counted ? current | COUNTED : current & ~COUNTED;
            if (TAIL.compareAndSet(this, current, next)) {
                return claims(current);
            }
        }
    }

    // ---- reading a sealed storage: the delivery run that drained it

    /**
     * A read-only view of items {@code from} (inclusive) to {@code to} (exclusive) of a sealed storage. Each read
     * waits for its slot to be written, so the items are walked once, by the listener, not first by a check.
     */
    List<Object> slice(int from, int to) {
        if (byOrdinal == null) {
            byOrdinal = chunkIndex();
        }
        return new Slice(this, from, to);
    }

    private Chunk[] chunkIndex() {
        Chunk newest = last;
        Chunk[] chunks = new Chunk[newest.ordinal + 1];
        for (Chunk chunk = newest; chunk != null; chunk = chunk.previous) {
            chunks[chunk.ordinal] = chunk;
        }
        return chunks;
    }

    private Chunk chunkOf(int i) {
        if (i >= CHUNK) {
            return byOrdinal[FIRST_SIZES.length - 1 + (i >>> SHIFT)];
        }
        return byOrdinal[i < 16 ? 0 : i < 64 ? 1 : i < 256 ? 2 : 3];
    }

    private static int offset(Chunk chunk, int i) {
        return i >= CHUNK ? i & (CHUNK - 1) : i - FIRST_BASES[chunk.ordinal];
    }

    /**
     * Item {@code i}, waiting if need be for the producer that claimed its slot and has not stored it yet (a few
     * instructions; items are never null). The acquire read makes the item safe to read on any thread.
     */
    Object get(int i) {
        Chunk chunk = chunkOf(i);
        int offset = offset(chunk, i);
        int spins = 0;
        Object item;
        while ((item = SLOT.getAcquire(chunk.slots, offset)) == null) {
            if (++spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // the producer lost its processor between its claim and its store
            }
        }
        return item;
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
