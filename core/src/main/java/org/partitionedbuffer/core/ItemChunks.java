package org.partitionedbuffer.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.AbstractList;
import java.util.Arrays;
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
 *
 * <p>Invariants (the first three are checked when the class initializes, so a wrong edit fails at once with a message
 * naming the broken rule; {@code ItemChunksTest} checks them again, and the claim/seal protocol is model-checked by
 * {@code QueuePartitionLincheckTest}):
 * <ul>
 * <li><b>Chunk sizes.</b> {@code FIRST_SIZES} is the one table of the small chunks; everything else is derived from it.
 * Each size is positive and they sum to exactly {@code CHUNK} (1,024 = 2<sup>{@code SHIFT}</sup>), so every later
 * chunk starts at a multiple of {@code CHUNK}: item {@code i >= CHUNK} is in chunk
 * {@code FIRST_CHUNKS - 1 + (i >>> SHIFT)} at offset {@code i & (CHUNK - 1)}, no division, no search.
 * <li><b>Bases.</b> {@code FIRST_BASES} are the running sums of {@code FIRST_SIZES} (0, 16, 64, 256), strictly
 * increasing from 0; {@code chunkOf} compares with them (constants {@code BASE_1} ... {@code BASE_3}, a branch chain
 * with one arm per small chunk, so the table must have exactly {@code FIRST_CHUNKS} = 4 sizes). A linked chunk's
 * {@code base} equals the base its ordinal gets from these rules, because each chunk is linked at its predecessor's end.
 * <li><b>The tail word.</b> Bits 0 to 60 are the claimed-slot count ({@link #CLAIMS} = {@link #COUNTED} - 1), bit 61
 * is {@link #COUNTED}, bit 62 {@link #SEALED}, bit 63 (the sign) is unused, so a tail is never negative. A claim adds
 * to the low bits only (2<sup>61</sup> claims would be needed to carry into a flag); setting a flag never changes the
 * claims. Every change of the word is a CAS on the whole word, so a claim whose expected tail was read before a flag
 * changed fails and is retried against the new word: no claim is ever made into a sealed storage by a producer that
 * checked {@link #SEALED} in the tail it then claims against. ({@link #claim} itself does not look at the flag: the
 * caller does, in the value it passes.)
 * <li><b>Reachability.</b> Claims take only slots below the end of {@code last} as a producer saw it
 * ({@link #hasRoomFor} returned {@code true}), and {@code last} never moves back, so every claimed slot is in a chunk
 * reachable from {@code last} by {@code previous}; once sealed, {@code last} (read by {@link #slice}) covers every
 * claimed slot. Producers that found the storage sealed may still link chunks past it: harmless, never read.
 * <li><b>Reads are int-indexed.</b> {@link #claims} saturates at {@link Integer#MAX_VALUE}; a drain reads at most that
 * many items through {@link #slice} and {@link #get}.
 * </ul>
 */
final class ItemChunks {

    /** Flag of {@code tail}: no more claims. */
    static final long SEALED = 1L << 62;
    /** Flag of {@code tail}: claims hold room in the capacity gate. */
    static final long COUNTED = 1L << 61;
    /** The claimed-slot count in {@code tail}. */
    static final long CLAIMS = COUNTED - 1;

    private static final int SHIFT = 10;
    /** The size of every chunk after the small ones, and the sum of the small ones. */
    private static final int CHUNK = 1 << SHIFT;
    /** The small chunks' sizes: the one table; the rest is derived from it and checked (see the class comment). */
    private static final int[] FIRST_SIZES = {16, 48, 192, 768};
    /** How many small chunks {@link #chunkOf}'s branch chain tells apart. */
    private static final int FIRST_CHUNKS = 4;
    /** Where each small chunk starts: the running sums of {@link #FIRST_SIZES}. */
    private static final int[] FIRST_BASES = firstBases(FIRST_SIZES, CHUNK, FIRST_CHUNKS);
    // chunkOf's constants (static finals fold into the compiled code like the literals they replace).
    private static final int BASE_1 = FIRST_BASES[1];
    private static final int BASE_2 = FIRST_BASES[2];
    private static final int BASE_3 = FIRST_BASES[3];

    static {
        checkTailLayout(SEALED, COUNTED, CLAIMS);
    }

    /**
     * The bases of the small chunks of {@code sizes}, after checking that they fit the layout: {@code chunks} positive
     * sizes summing to {@code chunkSize}. Throws {@link IllegalStateException} naming the broken rule otherwise.
     */
    static int[] firstBases(int[] sizes, int chunkSize, int chunks) {
        String table = "ItemChunks: first chunk sizes " + Arrays.toString(sizes) + ": ";
        if (sizes.length != chunks) {
            throw new IllegalStateException(table + "there must be exactly " + chunks
                    + " (chunkOf has one branch per small chunk; extend it along with the table)");
        }
        if (chunkSize <= 0 || Integer.bitCount(chunkSize) != 1) {
            throw new IllegalStateException(table + "the full chunk size " + chunkSize + " must be a power of two");
        }
        int[] bases = new int[sizes.length];
        long sum = 0;
        for (int k = 0; k < sizes.length; k++) {
            if (sizes[k] <= 0) {
                throw new IllegalStateException(table + "size " + k + " is " + sizes[k] + ", not positive");
            }
            bases[k] = (int) Math.min(sum, Integer.MAX_VALUE);
            sum += sizes[k];
        }
        if (sum != chunkSize) {
            throw new IllegalStateException(table + "they sum to " + sum + ", not to the full chunk size " + chunkSize
                    + ", so the later chunks would not start at multiples of it (item i >= " + chunkSize
                    + " is found by a shift)");
        }
        return bases;
    }

    /**
     * Checks the layout of the tail word: two distinct one-bit flags above the claim count, {@code claims} every bit
     * below the lower flag, the sign bit unused. Throws {@link IllegalStateException} naming the broken rule otherwise.
     */
    static void checkTailLayout(long sealed, long counted, long claims) {
        String layout = "ItemChunks: tail layout SEALED=0x" + Long.toHexString(sealed) + ", COUNTED=0x"
                + Long.toHexString(counted) + ", CLAIMS=0x" + Long.toHexString(claims) + ": ";
        if (Long.bitCount(sealed) != 1 || Long.bitCount(counted) != 1 || sealed == counted) {
            throw new IllegalStateException(layout + "the flags must be two distinct single bits");
        }
        if (sealed < 0 || counted < 0) {
            throw new IllegalStateException(layout + "the sign bit must stay unused (a tail is never negative)");
        }
        if (claims != Math.min(sealed, counted) - 1) {
            throw new IllegalStateException(layout + "the claims must be every bit below the lower flag, so that a"
                    + " claim (tail + count) never changes a flag and a flag change never changes the claims");
        }
    }

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

    /** The claimed-slot count of {@code tail}, without the flags, saturated at {@link Integer#MAX_VALUE}. */
    static int claims(long tail) {
        return (int) Math.min(tail & CLAIMS, Integer.MAX_VALUE);
    }

    /** The claims and the flags, as one volatile read. */
    long tail() {
        return tail;
    }

    /**
     * Claims {@code count} slots from {@code expectedTail & CLAIMS} on, if the tail is still {@code expectedTail} (flags
     * included: a seal or a capacity switch since the caller read it fails the claim). The caller has checked that
     * {@code expectedTail} is not {@link #SEALED} and, by {@link #hasRoomFor}, that the slots exist.
     */
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

    /** The chunk of item {@code i}: a shift past the small chunks, a branch chain on their bases below. */
    private Chunk chunkOf(int i) {
        if (i >= CHUNK) {
            return byOrdinal[FIRST_CHUNKS - 1 + (i >>> SHIFT)];
        }
        return byOrdinal[i < BASE_1 ? 0 : i < BASE_2 ? 1 : i < BASE_3 ? 2 : 3];
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
