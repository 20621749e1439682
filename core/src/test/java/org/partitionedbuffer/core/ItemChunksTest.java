package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/*
 * ItemChunks on one thread: the layout's invariants (the table of small chunk sizes, the tail word), items on both
 * sides of every chunk boundary (15/16, 63/64, 255/256, 1023/1024, 2047/2048, and many chunks), slices, block stores
 * in a given order across boundaries, and the flags (a seal fixes the final tail and fails later claims, a capacity
 * switch keeps the claims). The concurrent claim/seal protocol is QueuePartitionLincheckTest's.
 */
class ItemChunksTest {

    /** Appends the way QueuePartition.append does (without the capacity gate); false when the storage is sealed. */
    static boolean append(ItemChunks chunks, Object item) {
        while (true) {
            long tail = chunks.tail();
            if ((tail & ItemChunks.SEALED) != 0) {
                return false;
            }
            long claimed = tail & ItemChunks.CLAIMS;
            if (!chunks.hasRoomFor(claimed + 1)) {
                continue;
            }
            if (chunks.claim(tail, 1)) {
                chunks.store(claimed, item);
                return true;
            }
        }
    }

    /** Claims {@code count} slots as one block, the way QueuePartition.appendAllLocked does; returns the first. */
    private static long claimBlock(ItemChunks chunks, int count) {
        while (true) {
            long tail = chunks.tail();
            long claimed = tail & ItemChunks.CLAIMS;
            if (chunks.hasRoomFor(claimed + count) && chunks.claim(tail, count)) {
                return claimed;
            }
        }
    }

    private static ItemChunks appended(int count) {
        ItemChunks chunks = new ItemChunks(0);
        for (int i = 0; i < count; i++) {
            assertTrue(append(chunks, i));
        }
        return chunks;
    }

    private static List<Object> numbers(int from, int to) {
        return new ArrayList<>(IntStream.range(from, to).boxed().toList());
    }

    // ---- the layout

    @Test
    void theBasesAreTheRunningSumsOfTheSizes() {
        assertArrayEquals(new int[] {0, 16, 64, 256}, ItemChunks.firstBases(new int[] {16, 48, 192, 768}, 1024, 4));
        assertArrayEquals(new int[] {0, 1, 2, 3}, ItemChunks.firstBases(new int[] {1, 1, 1, 1}, 4, 4));
    }

    @Test
    void aWrongTableFailsNamingTheBrokenRule() {
        assertFailure("sum to 1023, not to the full chunk size 1024",
                () -> ItemChunks.firstBases(new int[] {16, 48, 192, 767}, 1024, 4));
        assertFailure("sum to 1040, not to the full chunk size 1024",
                () -> ItemChunks.firstBases(new int[] {32, 48, 192, 768}, 1024, 4));
        assertFailure("size 1 is 0, not positive", () -> ItemChunks.firstBases(new int[] {64, 0, 192, 768}, 1024, 4));
        assertFailure("there must be exactly 4",
                () -> ItemChunks.firstBases(new int[] {16, 48, 192, 256, 512}, 1024, 4));
        assertFailure("must be a power of two", () -> ItemChunks.firstBases(new int[] {16, 48, 192, 744}, 1000, 4));
    }

    @Test
    void theTailWordKeepsClaimsBelowTwoFlagsAndTheSignBitFree() {
        ItemChunks.checkTailLayout(ItemChunks.SEALED, ItemChunks.COUNTED, ItemChunks.CLAIMS);
        assertEquals(Long.MAX_VALUE, ItemChunks.SEALED | ItemChunks.COUNTED | ItemChunks.CLAIMS);
        assertEquals(0, ItemChunks.SEALED & ItemChunks.COUNTED);
        assertEquals(0, (ItemChunks.SEALED | ItemChunks.COUNTED) & ItemChunks.CLAIMS);

        assertFailure("two distinct single bits", () -> ItemChunks.checkTailLayout(1L << 61, 1L << 61, (1L << 61) - 1));
        assertFailure("two distinct single bits", () -> ItemChunks.checkTailLayout(3L << 61, 1L << 60, (1L << 60) - 1));
        assertFailure("sign bit", () -> ItemChunks.checkTailLayout(1L << 63, 1L << 61, (1L << 61) - 1));
        assertFailure("every bit below the lower flag",
                () -> ItemChunks.checkTailLayout(1L << 62, 1L << 61, (1L << 62) - 1));
        assertFailure("every bit below the lower flag",
                () -> ItemChunks.checkTailLayout(1L << 62, 1L << 61, (1L << 40) - 1));
    }

    private static void assertFailure(String expected, Runnable check) {
        IllegalStateException failure = assertThrows(IllegalStateException.class, check::run);
        assertTrue(failure.getMessage().contains(expected), failure.getMessage());
    }

    @Test
    void claimsAreTheLowBitsSaturatedAtIntMax() {
        assertEquals(0, ItemChunks.claims(0));
        assertEquals(7, ItemChunks.claims(ItemChunks.SEALED | ItemChunks.COUNTED | 7));
        assertEquals(Integer.MAX_VALUE, ItemChunks.claims(Integer.MAX_VALUE));
        assertEquals(Integer.MAX_VALUE, ItemChunks.claims(Integer.MAX_VALUE + 1L));
        assertEquals(Integer.MAX_VALUE, ItemChunks.claims(ItemChunks.CLAIMS));
        assertEquals(Integer.MAX_VALUE, ItemChunks.claims(ItemChunks.SEALED | ItemChunks.CLAIMS));
    }

    // ---- items and chunk boundaries

    @ParameterizedTest
    @ValueSource(ints = {1, 15, 16, 17, 63, 64, 65, 255, 256, 257, 1023, 1024, 1025, 2047, 2048, 2049, 10_000})
    void everyItemIsReadBackInClaimOrder(int count) {
        ItemChunks chunks = appended(count);
        long sealed = chunks.seal();
        assertEquals(count, ItemChunks.claims(sealed));

        List<Object> all = chunks.slice(0, count);
        assertEquals(count, all.size());
        assertEquals(numbers(0, count), all);
        for (int i = 0; i < count; i++) {
            assertEquals(i, chunks.get(i));
            assertEquals(List.of(i), chunks.slice(i, i + 1));
        }
    }

    @Test
    void roomIsLinkedChunkByChunkAtTheBoundaries() {
        ItemChunks chunks = new ItemChunks(0);
        assertTrue(chunks.hasRoomFor(16)); // the first chunk's 16 slots
        assertFalse(chunks.hasRoomFor(17)); // links the 48-slot chunk, and says so: the caller reads the tail again
        assertTrue(chunks.hasRoomFor(64));
        assertFalse(chunks.hasRoomFor(65));
        assertTrue(chunks.hasRoomFor(256));
        assertFalse(chunks.hasRoomFor(257));
        assertTrue(chunks.hasRoomFor(1024));
        assertFalse(chunks.hasRoomFor(1025));
        assertTrue(chunks.hasRoomFor(2048));
        assertFalse(chunks.hasRoomFor(5000)); // several chunks at once
        assertTrue(chunks.hasRoomFor(5120));
        assertFalse(chunks.hasRoomFor(5121));
    }

    @Test
    void itemsStoredInAnyOrderAfterLaterChunksAreLinked() {
        // One block claimed across many chunks, then stored slot by slot in random order: each store walks from the
        // newest chunk back (and on) to its own.
        int count = 3000;
        ItemChunks chunks = new ItemChunks(0);
        assertEquals(0, claimBlock(chunks, count));
        List<Integer> order = new ArrayList<>(IntStream.range(0, count).boxed().toList());
        Collections.shuffle(order, new Random(12));
        for (int slot : order) {
            chunks.store(slot, slot);
        }
        chunks.seal();
        assertEquals(numbers(0, count), chunks.slice(0, count));
    }

    @Test
    void slicesAreBoundedViews() {
        ItemChunks chunks = appended(3000);
        chunks.seal();

        List<Object> middle = chunks.slice(10, 2100);
        assertEquals(2090, middle.size());
        assertEquals(numbers(10, 2100), middle);
        assertEquals(10, middle.get(0));
        assertEquals(2099, middle.get(2089));
        assertThrows(IndexOutOfBoundsException.class, () -> middle.get(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> middle.get(2090));
        assertThrows(UnsupportedOperationException.class, () -> middle.add(1));
        assertThrows(UnsupportedOperationException.class, () -> middle.set(0, 1));

        List<Object> empty = chunks.slice(64, 64);
        assertTrue(empty.isEmpty());
        assertThrows(IndexOutOfBoundsException.class, () -> empty.get(0));

        assertEquals(numbers(2047, 2049), chunks.slice(2047, 2049)); // across a full-chunk boundary
        assertEquals(numbers(15, 1025), chunks.slice(15, 1025)); // across every small one
        assertEquals(numbers(2990, 3000), chunks.slice(2990, 3000)); // the end
    }

    @Test
    void blocksAreStoredInTheGivenOrderAcrossChunkBoundaries() {
        // Blocks that each straddle a boundary (10 to 20 crosses 16, 20 to 70 crosses 64, ...), taken from the middle
        // of the items array (from != 0) in the order the order array gives.
        int[] blocks = {10, 10, 50, 200, 800, 1100, 1, 1};
        int total = IntStream.of(blocks).sum();
        String[] items = new String[total + 5];
        for (int i = 0; i < items.length; i++) {
            items[i] = "item" + i;
        }
        int[] order = new int[items.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = order.length - 1 - i; // reversed
        }

        ItemChunks chunks = new ItemChunks(0);
        List<Object> expected = new ArrayList<>();
        int from = 5;
        for (int count : blocks) {
            long start = claimBlock(chunks, count);
            assertEquals(expected.size(), start);
            chunks.storeAll(start, items, order, from, count);
            for (int i = 0; i < count; i++) {
                expected.add(items[order[from + i]]);
            }
            from += count;
        }
        assertEquals(total, ItemChunks.claims(chunks.seal()));
        assertEquals(expected, chunks.slice(0, total));
    }

    // ---- the flags

    @Test
    void aSealReturnsTheFinalTailAndFailsLaterClaims() {
        ItemChunks chunks = new ItemChunks(ItemChunks.COUNTED);
        append(chunks, "a");
        append(chunks, "b");
        append(chunks, "c");
        long before = chunks.tail();
        assertEquals(ItemChunks.COUNTED | 3, before);

        long sealed = chunks.seal();
        assertEquals(before | ItemChunks.SEALED, sealed);
        assertEquals(sealed, chunks.tail());
        assertEquals(sealed, chunks.seal()); // sealing again changes nothing
        assertFalse(chunks.claim(before, 1)); // a producer that read the tail before the seal cannot claim
        assertFalse(append(chunks, "d")); // one that reads it after sees the flag
        assertEquals(sealed, chunks.tail());
        assertEquals(List.of("a", "b", "c"), chunks.slice(0, 3));
    }

    @Test
    void anEmptyStorageSealsWithNoClaims() {
        ItemChunks chunks = new ItemChunks(0);
        assertEquals(ItemChunks.SEALED, chunks.seal());
        assertEquals(0, ItemChunks.claims(chunks.tail()));
        assertTrue(chunks.slice(0, 0).isEmpty());
    }

    @Test
    void aCapacitySwitchKeepsTheClaimsAndFailsClaimsReadBeforeIt() {
        ItemChunks chunks = appended(5);
        long before = chunks.tail();

        assertEquals(5, chunks.setCounted(true));
        assertEquals(ItemChunks.COUNTED | 5, chunks.tail());
        assertFalse(chunks.claim(before, 1)); // read before the switch: fails, so it cannot miss the gate
        assertTrue(append(chunks, 5));
        assertEquals(ItemChunks.COUNTED | 6, chunks.tail());

        assertEquals(6, chunks.setCounted(true)); // already set: unchanged
        assertEquals(ItemChunks.COUNTED | 6, chunks.tail());
        assertEquals(6, chunks.setCounted(false));
        assertEquals(6, chunks.tail());

        chunks.setCounted(true);
        long sealed = chunks.seal();
        assertEquals(ItemChunks.SEALED | ItemChunks.COUNTED | 6, sealed);
        assertEquals(numbers(0, 6), chunks.slice(0, 6));
    }

    // ---- a read of a slot claimed but not yet stored

    @Test
    void aReadWaitsForTheSlotItsProducerHasNotStoredYet() throws Exception {
        ItemChunks chunks = new ItemChunks(0);
        long slot = claimBlock(chunks, 1); // claimed, not stored: a producer between its claim and its store
        chunks.seal();
        List<Object> items = chunks.slice(0, 1);

        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch reading = new CountDownLatch(1);
            Future<Object> read = reader.submit(() -> {
                reading.countDown();
                return items.get(0);
            });
            reading.await();
            chunks.store(slot, "late");
            assertEquals("late", read.get(10, TimeUnit.SECONDS));
        } finally {
            reader.shutdownNow();
        }
    }
}
