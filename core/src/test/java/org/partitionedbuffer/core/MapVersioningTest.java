package org.partitionedbuffer.core;

import static org.partitionedbuffer.core.MapFixtures.byKey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.partitionedbuffer.api.BatchListener;
import org.partitionedbuffer.api.BufferEntry;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.api.BufferType;
import org.partitionedbuffer.api.PartitionKey;

// Versioned writes of the map buffer: putNewer/putAllNewer keep only a strictly newer version and count replacements
// as the reference does, and, fixing its defect 9, the check also covers versions already delivered, each call says
// what it applied, and a batch with one bad entry writes nothing (not even a remembered version).
class MapVersioningTest {

    private static final long INTERVAL = 100;

    private final ManualScheduler scheduler = new ManualScheduler();
    private final RecordingListener listener = new RecordingListener();

    private MapBuffer startedMap(int partitions) {
        return startedMap(BufferOptions.builder("stock").type(BufferType.MAP).partitions(partitions)
                .processingIntervalMs(INTERVAL), listener);
    }

    private MapBuffer startedMap(BufferOptions.Builder builder, BatchListener batchListener) {
        return MapFixtures.startedMap(builder, scheduler, batchListener);
    }

    private static BufferEntry pending(MapBuffer map, Object key) {
        return map.entry(key, null).orElseThrow(() -> new AssertionError("no pending entry for " + key));
    }

    // ---- within one drain (the reference's behaviour)

    @Test
    void putNewerInsertsANewKeyWithTheGivenVersionAndNoUpdates() {
        MapBuffer map = startedMap(2);

        assertTrue(map.putNewer("sku-1", "v7", 7));

        assertEquals(new BufferEntry("sku-1", "v7", 7, 0), pending(map, "sku-1"));
        assertEquals(Optional.of("v7"), map.get("sku-1"));
        scheduler.advance(INTERVAL);
        assertEquals(List.of(new BufferEntry("sku-1", "v7", 7, 0)), listener.entries());
    }

    @Test
    void aNewerVersionReplacesThePendingValueAndCountsEachUpdate() {
        MapBuffer map = startedMap(2);

        assertTrue(map.putNewer("k", "v1", 1));
        assertTrue(map.putNewer("k", "v2", 2));
        assertEquals(new BufferEntry("k", "v2", 2, 1), pending(map, "k"));
        assertTrue(map.putNewer("k", "v9", 9));
        assertEquals(new BufferEntry("k", "v9", 9, 2), pending(map, "k"));

        assertEquals(1, map.size());
        scheduler.advance(INTERVAL);
        assertEquals(List.of(new BufferEntry("k", "v9", 9, 2)), listener.entries());
    }

    @ParameterizedTest(name = "pending version {0}, then version {1}")
    @CsvSource({
        "5, 4",
        "5, 5",
        "0, -1",
        "-5, -6",
        "-5, -5",
        "9223372036854775807, 9223372036854775807",
        "9223372036854775807, -9223372036854775808",
    })
    void anOlderOrEqualVersionIsIgnoredAndLeavesTheValueUnchanged(long pendingVersion, long laterVersion) {
        MapBuffer map = startedMap(2);
        assertTrue(map.putNewer("k", "kept", pendingVersion));

        assertFalse(map.putNewer("k", "ignored", laterVersion));

        assertEquals(new BufferEntry("k", "kept", pendingVersion, 0), pending(map, "k"));
        assertEquals(1, map.statistics().inserted());
        scheduler.advance(INTERVAL);
        assertEquals(List.of(new BufferEntry("k", "kept", pendingVersion, 0)), listener.entries());
    }

    @Test
    void aPlainPutResetsVersionAndUpdatesToZero() {
        MapBuffer map = startedMap(1);
        map.putNewer("k", "v5", 5);
        map.putNewer("k", "v6", 6);

        map.put("k", "plain");

        assertEquals(new BufferEntry("k", "plain", 0, 0), pending(map, "k"));
        // Version 0 is now the one to beat, as in the reference: anything above it applies, 0 and below do not.
        assertFalse(map.putNewer("k", "zero", 0));
        assertFalse(map.putNewer("k", "negative", -1));
        assertTrue(map.putNewer("k", "v2", 2));
        assertEquals(new BufferEntry("k", "v2", 2, 1), pending(map, "k"));
        scheduler.advance(INTERVAL);
        assertEquals(List.of(new BufferEntry("k", "v2", 2, 1)), listener.entries());
    }

    @Test
    void putAllNewerAppliesOnlyNewerEntriesAndReturnsHowManyItApplied() {
        MapBuffer map = startedMap(3);
        map.putNewer("a", "a5", 5);
        map.putNewer("b", "b5", 5);

        int applied = map.putAllNewer(List.of(
                BufferEntry.of("a", "a6", 6),          // newer: applied
                BufferEntry.of("b", "b4", 4),          // older: ignored
                BufferEntry.of("c", "c1", 1),          // new key: applied
                BufferEntry.of("c", "c0", 0),          // older than the same call's c1: ignored
                BufferEntry.of("d", "d1", 1),          // new key: applied
                BufferEntry.of("d", "d2", 2),          // newer than the same call's d1: applied
                new BufferEntry("e", "e1", 1, 99)));   // updates of an argument are ignored

        assertEquals(5, applied);
        assertEquals(5, map.size());
        scheduler.advance(INTERVAL);
        assertEquals(Map.of(
                "a", new BufferEntry("a", "a6", 6, 1),
                "b", new BufferEntry("b", "b5", 5, 0),
                "c", new BufferEntry("c", "c1", 1, 0),
                "d", new BufferEntry("d", "d2", 2, 1),
                "e", new BufferEntry("e", "e1", 1, 0)), byKey(listener.entries()));
        assertEquals(0, map.putAllNewer(List.of()));
    }

    @Test
    void timestampVersionsAndNegativeVersionsCompareAsLongs() {
        MapBuffer map = startedMap(2);
        long millis = System.currentTimeMillis();

        assertTrue(map.putNewer("ts", "now", millis));
        assertFalse(map.putNewer("ts", "a millisecond earlier", millis - 1));
        assertTrue(map.putNewer("ts", "a millisecond later", millis + 1));
        assertTrue(map.putNewer("ts", "in nanoseconds", (millis + 1) * 1_000_000));
        assertTrue(map.putNewer("neg", "first", -5));
        assertFalse(map.putNewer("neg", "older", -6));
        assertTrue(map.putNewer("neg", "newer", -4));
        assertTrue(map.putNewer("min", "lowest", Long.MIN_VALUE));
        assertTrue(map.putNewer("max", "highest", Long.MAX_VALUE));
        assertFalse(map.putNewer("max", "nothing beats it", Long.MAX_VALUE));

        scheduler.advance(INTERVAL);
        assertEquals(Map.of(
                "ts", new BufferEntry("ts", "in nanoseconds", (millis + 1) * 1_000_000, 2),
                "neg", new BufferEntry("neg", "newer", -4, 1),
                "min", new BufferEntry("min", "lowest", Long.MIN_VALUE, 0),
                "max", new BufferEntry("max", "highest", Long.MAX_VALUE, 0)), byKey(listener.entries()));
    }

    // ---- across drains (defect 9: the reference only compared within the current table)

    @Test
    void anOlderVersionArrivingAfterTheNewerWasDeliveredIsIgnored() {
        RecordingEvents events = new RecordingEvents();
        MapBuffer map = startedMap(2);
        map.addEventListener(events);
        assertTrue(map.putNewer("k", "v5", 5));
        scheduler.advance(INTERVAL);
        assertEquals(List.of(new BufferEntry("k", "v5", 5, 0)), listener.entries());

        assertFalse(map.putNewer("k", "v3", 3));
        assertFalse(map.putNewer("k", "v5 again", 5));
        assertEquals(0, map.putAllNewer(List.of(BufferEntry.of("k", "v4", 4))));

        assertEquals(0, map.size());
        assertEquals(Optional.empty(), map.get("k"));
        scheduler.advance(INTERVAL);
        assertEquals(1, listener.batches().size(), "an ignored write must not be delivered");
        assertEquals(1, map.statistics().inserted());
        assertEquals(1, events.of("inserted").size());

        assertTrue(map.putNewer("k", "v6", 6));
        scheduler.advance(INTERVAL);
        // A new drain holds a new pending entry: its update count starts again from 0.
        assertEquals(List.of(new BufferEntry("k", "v5", 5, 0), new BufferEntry("k", "v6", 6, 0)),
                listener.entries());
    }

    @Test
    void anOlderVersionIsIgnoredWhileTheNewerIsBeingDelivered() {
        AtomicReference<MapBuffer> mapRef = new AtomicReference<>();
        List<Boolean> appliedDuringDelivery = new CopyOnWriteArrayList<>();
        MapBuffer map = startedMap(BufferOptions.builder("stock").type(BufferType.MAP).partitions(1)
                .processingIntervalMs(INTERVAL), batch -> {
                    if (listener.batches().isEmpty()) {
                        appliedDuringDelivery.add(mapRef.get().putNewer("k", "v3", 3));
                        appliedDuringDelivery.add(mapRef.get().putNewer("k", "v8", 8));
                    }
                    listener.onBatch(batch);
                });
        mapRef.set(map);
        map.putNewer("k", "v5", 5);

        scheduler.advance(INTERVAL);
        scheduler.advance(INTERVAL);

        assertEquals(List.of(false, true), appliedDuringDelivery);
        assertEquals(List.of(new BufferEntry("k", "v5", 5, 0), new BufferEntry("k", "v8", 8, 0)),
                listener.entries());
    }

    @Test
    void aPlainPutAfterDeliveryResetsTheVersionSoALowerVersionAppliesAgain() {
        MapBuffer map = startedMap(2);
        map.putNewer("k", "v5", 5);
        scheduler.advance(INTERVAL);

        map.put("k", "plain");
        scheduler.advance(INTERVAL);
        assertTrue(map.putNewer("k", "v2", 2), "a plain put forgets the versions seen before it");
        scheduler.advance(INTERVAL);

        assertEquals(List.of(new BufferEntry("k", "v5", 5, 0), new BufferEntry("k", "plain", 0, 0),
                new BufferEntry("k", "v2", 2, 0)), listener.entries());
    }

    @Test
    void aDeleteForgetsTheVersionOfADeliveredOrPendingKey() {
        MapBuffer map = startedMap(2);
        map.putNewer("delivered", "v5", 5);
        scheduler.advance(INTERVAL);
        map.putNewer("pending", "v5", 5);

        assertFalse(map.delete("delivered"), "nothing pending to delete, but its version is forgotten");
        assertTrue(map.delete("pending"));
        assertTrue(map.putNewer("delivered", "v3", 3));
        assertTrue(map.putNewer("pending", "v2", 2));
        scheduler.advance(INTERVAL);

        List<BufferEntry> delivered = listener.entries();
        assertEquals(new BufferEntry("delivered", "v5", 5, 0), delivered.get(0));
        assertEquals(Map.of("delivered", new BufferEntry("delivered", "v3", 3, 0),
                "pending", new BufferEntry("pending", "v2", 2, 0)), byKey(delivered.subList(1, delivered.size())));
    }

    @Test
    void theVersionsOfDifferentKeysAreIndependent() {
        MapBuffer map = startedMap(2);
        map.putNewer("a", "a10", 10);
        scheduler.advance(INTERVAL);

        assertTrue(map.putNewer("b", "b1", 1));
        assertFalse(map.putNewer("a", "a9", 9));
        assertTrue(map.putNewer("a", "a11", 11));
    }

    // ---- all or nothing

    @Test
    void putAllNewerWithANullElementThrowsAndWritesNothing() {
        MapBuffer map = startedMap(3);
        map.putNewer("a", "a1", 1);
        List<BufferEntry> entries = Arrays.asList(BufferEntry.of("a", "a2", 2), BufferEntry.of("b", "b1", 1), null,
                BufferEntry.of("c", "c1", 1));

        NullPointerException error = assertThrows(NullPointerException.class, () -> map.putAllNewer(entries));

        assertEquals("entry (at index 2 of entries)", error.getMessage());
        assertEquals(new BufferEntry("a", "a1", 1, 0), pending(map, "a"));
        assertEquals(1, map.size());
        assertEquals(1, map.statistics().inserted());
        // Nor were the versions of the refused call remembered.
        assertTrue(map.putNewer("b", "b0", 0));
    }

    @Test
    void putAllNewerWritesNothingWhenTheRoutingFunctionThrowsForOneKey() {
        MapBuffer map = startedMap(BufferOptions.builder("stock").type(BufferType.MAP).partitions(4)
                .processingIntervalMs(INTERVAL).partitionKey(PartitionKey.by(key -> {
                    if (key.equals("poison")) {
                        throw new IllegalStateException("no route");
                    }
                    return key;
                })), listener);

        BufferException error = assertThrows(BufferException.class, () -> map.putAllNewer(List.of(
                BufferEntry.of("a", "a1", 1), BufferEntry.of("b", "b1", 1), BufferEntry.of("c", "c1", 1),
                BufferEntry.of("poison", "p", 1))));

        assertTrue(error.getMessage().startsWith("Buffer 'stock': the routing function"), error.getMessage());
        assertTrue(error.getMessage().contains("Nothing was inserted"), error.getMessage());
        assertEquals(0, map.size());
        assertEquals(0, map.statistics().inserted());
        assertTrue(map.putNewer("a", "a0", 0), "the refused call must not have recorded a's version");
    }

    // ---- versioned writes and capacity

    @Test
    void aStalePutAllNewerOnAFullBufferIsIgnoredLikePutNewerNotRefused() {
        MapBuffer map = startedMap(BufferOptions.builder("stock").type(BufferType.MAP).partitions(1)
                .processingIntervalMs(INTERVAL).capacity(1), listener);
        map.putNewer("k", "v5", 5);
        scheduler.advance(INTERVAL);
        map.put("other", 1); // the buffer is full again

        assertFalse(map.putNewer("k", "v3", 3));
        // The same stale write as a batch needs no room either: it writes nothing.
        assertEquals(0, map.putAllNewer(List.of(BufferEntry.of("k", "v3", 3))));
        assertEquals(0, map.statistics().rejected());
        assertEquals(1, map.size());
    }

    @Test
    void manyVersionsOfOneKeyInOnePutAllNewerNeedRoomForOneEntry() {
        ExecutorService workers = Executors.newSingleThreadExecutor();
        try {
            ManualScheduler threaded = new ManualScheduler(workers);
            MapBuffer map = (MapBuffer) PartitionedBuffer.create(BufferOptions.builder("stock").type(BufferType.MAP)
                    .partitions(1).processingIntervalMs(INTERVAL).capacity(2).overflow(Overflow.BLOCK)
                    .processingTimeoutMs(2000).build(), threaded);
            map.attach(listener);
            map.start();
            map.put("x", 1);
            map.put("y", 2);

            // Full: overflow=block waits for the drain it requests, after which one key fits.
            int applied = map.putAllNewer(List.of(BufferEntry.of("k", "v1", 1), BufferEntry.of("k", "v2", 2),
                    BufferEntry.of("k", "v3", 3)));

            assertEquals(3, applied);
            map.flush();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> listener.entries().size() == 3);
            assertEquals(new BufferEntry("k", "v3", 3, 2), byKey(listener.entries()).get("k"));
        } finally {
            workers.shutdownNow();
        }
    }
}
