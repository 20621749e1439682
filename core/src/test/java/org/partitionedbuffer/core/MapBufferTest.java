package org.partitionedbuffer.core;

import static org.partitionedbuffer.core.MapFixtures.byKey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;
import org.partitionedbuffer.api.BufferEntry;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.api.BufferType;
import org.partitionedbuffer.api.PartitionKey;

// The map buffer's plain writes behave as the reference's (last write wins within a drain, get and delete see only
// pending entries, batches of processingBatchSize, routing by the map key, table mode, stop delivers everything), and
// keys and values are delivered as written. Versioned writes: MapVersioningTest; refused writes: MapBufferRefusalsTest.
class MapBufferTest {

    private static final long INTERVAL = 100;

    private final ManualScheduler scheduler = new ManualScheduler();
    private final RecordingListener listener = new RecordingListener();

    private static BufferOptions.Builder options(int partitions) {
        return BufferOptions.builder("prices").type(BufferType.MAP).partitions(partitions)
                .processingIntervalMs(INTERVAL);
    }

    private MapBuffer startedMap(BufferOptions.Builder builder) {
        return startedMap(builder, listener);
    }

    private MapBuffer startedMap(BufferOptions.Builder builder, BatchListener batchListener) {
        return MapFixtures.startedMap(builder, scheduler, batchListener);
    }

    // ---- put, get, delivery

    @Test
    void singlePutIsReadableWhilePendingAndDeliveredAsAnEntryWithVersionAndUpdatesZero() {
        MapBuffer map = startedMap(options(2));
        map.put("sku-1", 42);

        assertEquals(Optional.of(42), map.get("sku-1"));
        assertEquals(1, map.size());
        scheduler.advance(INTERVAL);

        assertEquals(List.of(new BufferEntry("sku-1", 42, 0, 0)), listener.entries());
        Batch batch = listener.batches().get(0);
        assertEquals("prices", batch.buffer());
        assertEquals(BufferType.MAP, batch.type());
        assertEquals(map.partitionOf("sku-1"), batch.partition());
        assertEquals(1, batch.attempt());
        // Only pending values are visible: once drained, the entry belongs to the listener.
        assertEquals(Optional.empty(), map.get("sku-1"));
        assertEquals(0, map.size());
    }

    @Test
    void getDoesNotSeeAnEntryWhileItIsBeingDelivered() {
        AtomicReference<MapBuffer> mapRef = new AtomicReference<>();
        List<Optional<Object>> seenDuringDelivery = new CopyOnWriteArrayList<>();
        MapBuffer map = startedMap(options(1), batch -> {
            seenDuringDelivery.add(mapRef.get().get("k"));
            listener.onBatch(batch);
        });
        mapRef.set(map);
        map.put("k", "v1");

        scheduler.advance(INTERVAL);

        assertEquals(List.of(Optional.empty()), seenDuringDelivery);
        assertEquals(List.of(new BufferEntry("k", "v1", 0, 0)), listener.entries());
    }

    @Test
    void getReturnsTheValueNothingForAnUnknownKeyAndTheLatestAfterAnOverwrite() {
        MapBuffer map = startedMap(options(2));
        map.put("a", "first");

        assertEquals(Optional.of("first"), map.get("a"));
        assertEquals(Optional.empty(), map.get("unknown"));
        map.put("a", "second");
        assertEquals(Optional.of("second"), map.get("a"));
        assertEquals(1, map.size());
    }

    @Test
    void putAllWritesEveryEntryOfAMapEachToItsKeysPartition() {
        MapBuffer map = startedMap(options(3));
        Map<String, Integer> prices = Map.of("a", 1, "b", 2, "c", 3, "d", 4, "e", 5);

        map.putAll(prices);

        assertEquals(5, map.size());
        prices.forEach((key, value) -> assertEquals(Optional.of(value), map.get(key)));
        scheduler.advance(INTERVAL);
        Map<Object, BufferEntry> delivered = byKey(listener.entries());
        assertEquals(prices.keySet(), delivered.keySet());
        prices.forEach((key, value) -> assertEquals(new BufferEntry(key, value, 0, 0), delivered.get(key)));
        for (Batch batch : listener.batches()) {
            for (BufferEntry entry : batch.entries()) {
                assertEquals(map.partitionOf(entry.key()), batch.partition(), () -> "partition of " + entry.key());
            }
        }
    }

    @Test
    void lastWriteWinsForADuplicateKeyAndOneEntryIsDelivered() {
        MapBuffer map = startedMap(options(2));
        map.put("a", 1);
        map.put("a", 2);
        map.putAll(Map.of("a", 3, "b", 10));
        map.put("b", 11);

        assertEquals(2, map.size());
        scheduler.advance(INTERVAL);

        assertEquals(Map.of("a", new BufferEntry("a", 3, 0, 0), "b", new BufferEntry("b", 11, 0, 0)),
                byKey(listener.entries()));
    }

    @Test
    void aKeyWrittenAgainAfterDeliveryIsDeliveredAgainInTheNextDrain() {
        MapBuffer map = startedMap(options(1));
        map.put("a", 1);
        scheduler.advance(INTERVAL);
        map.put("a", 2);
        scheduler.advance(INTERVAL);

        assertEquals(List.of(new BufferEntry("a", 1, 0, 0), new BufferEntry("a", 2, 0, 0)), listener.entries());
        assertEquals(List.of(1, 1), listener.batchSizes());
    }

    @Test
    void entriesAreDeliveredInBatchesOfProcessingBatchSizeAndEntriesEqualItems() {
        MapBuffer map = startedMap(options(1).processingBatchSize(5));
        Set<String> keys = IntStream.range(0, 12).mapToObj(i -> "k" + i).collect(Collectors.toSet());
        keys.forEach(key -> map.put(key, key.length()));

        scheduler.advance(INTERVAL);

        assertEquals(List.of(5, 5, 2), listener.batchSizes());
        assertEquals(keys, byKey(listener.entries()).keySet());
        for (Batch batch : listener.batches()) {
            assertEquals(batch.items(), batch.entries());
            assertEquals(batch.size(), batch.entries().size());
        }
    }

    @Test
    void aBatchSizeChangedAtRuntimeAppliesToTheNextDrain() {
        MapBuffer map = startedMap(options(1).processingBatchSize(5));
        IntStream.range(0, 10).forEach(i -> map.put(i, i));

        map.updateOptions(Map.of("processingBatchSize", "4"));
        scheduler.advance(INTERVAL);

        assertEquals(List.of(4, 4, 2), listener.batchSizes());
        assertEquals(10, byKey(listener.entries()).size());
    }

    @Test
    void entriesOfAQueueBatchAreRefusedWithAClearMessage() {
        QueueBuffer queue = (QueueBuffer) PartitionedBuffer.create(BufferOptions.builder("events").partitions(1)
                .processingIntervalMs(INTERVAL).build(), scheduler);
        queue.attach(listener);
        queue.start();
        queue.push("e1");
        scheduler.advance(INTERVAL);

        Batch batch = listener.batches().get(0);
        assertEquals(BufferType.QUEUE, batch.type());
        IllegalStateException error = assertThrows(IllegalStateException.class, batch::entries);
        assertEquals("Buffer 'events' is a queue buffer: its batches have items(), not entries()", error.getMessage());
        assertEquals(List.of("e1"), batch.items());
    }

    @Test
    void aWriteDuringDeliveryGoesToTheNextDrain() {
        AtomicReference<MapBuffer> mapRef = new AtomicReference<>();
        MapBuffer map = startedMap(options(1), batch -> {
            if (listener.batches().isEmpty()) {
                mapRef.get().put("a", 2); // the key being delivered: a new pending entry, not a change to the batch
                mapRef.get().put("b", 1);
            }
            listener.onBatch(batch);
        });
        mapRef.set(map);
        map.put("a", 1);

        scheduler.advance(INTERVAL);
        assertEquals(List.of(new BufferEntry("a", 1, 0, 0)), listener.entries());
        assertEquals(2, map.size());
        scheduler.advance(INTERVAL);

        assertEquals(List.of(1, 2), listener.batchSizes());
        assertEquals(Map.of("a", new BufferEntry("a", 2, 0, 0), "b", new BufferEntry("b", 1, 0, 0)),
                byKey(listener.batches().get(1).entries()));
    }

    // ---- delete

    @Test
    void deleteRemovesAPendingEntrySoItIsNeverDelivered() {
        MapBuffer map = startedMap(options(2));
        map.put("a", 1);
        map.put("b", 2);

        assertTrue(map.delete("a"));
        assertEquals(1, map.size());
        assertEquals(Optional.empty(), map.get("a"));
        assertFalse(map.delete("a"));
        assertFalse(map.delete("unknown"));
        scheduler.advance(INTERVAL);

        assertEquals(List.of(new BufferEntry("b", 2, 0, 0)), listener.entries());
        assertFalse(map.delete("b"), "a delivered entry is no longer pending");
        assertEquals(1, map.statistics().processed());
    }

    // ---- routing, table mode, stop

    @Test
    void aRoutingFunctionReceivesTheMapKeyAndDecidesThePartition() {
        List<Object> routed = new CopyOnWriteArrayList<>();
        MapBuffer map = startedMap(options(4).partitionKey(PartitionKey.by(key -> {
            routed.add(key);
            return ((String) key).split(":")[0];
        })));
        map.put("user1:cart", "value-1");
        map.put("user2:cart", "value-2");
        map.putAll(new LinkedHashMap<>(Map.of("user1:wishlist", "value-3")));
        assertEquals(Optional.of("value-1"), map.get("user1:cart"));

        scheduler.advance(INTERVAL);

        assertFalse(routed.isEmpty());
        assertTrue(routed.stream().allMatch(object -> object instanceof String s && s.startsWith("user")),
                () -> "the function saw something other than a key: " + routed);
        Map<Object, BufferEntry> delivered = byKey(listener.entries());
        assertEquals(Set.of("user1:cart", "user2:cart", "user1:wishlist"), delivered.keySet());
        for (Batch batch : listener.batches()) {
            for (BufferEntry entry : batch.entries()) {
                String user = ((String) entry.key()).split(":")[0];
                assertEquals(PartitionRouting.indexFor(user, 4), batch.partition(), () -> "partition of " + entry);
            }
        }
        // Both keys of user1 share a partition, so one drain delivers them in one batch.
        Batch user1Batch = listener.batches().stream()
                .filter(batch -> batch.entries().stream().anyMatch(entry -> entry.key().equals("user1:cart")))
                .findFirst().orElseThrow();
        assertTrue(user1Batch.entries().stream().anyMatch(entry -> entry.key().equals("user1:wishlist")),
                () -> "user1's keys were split: " + listener.batches());
    }

    @Test
    void aPerCallPartitionKeyRoutesTheEntryAndReadsMustUseTheSameKey() {
        MapBuffer map = startedMap(options(4));
        PartitionKey elsewhere = IntStream.range(0, 100).mapToObj(i -> PartitionKey.of("route-" + i))
                .filter(key -> map.partitionOf("k", key) != map.partitionOf("k")).findFirst().orElseThrow();
        int target = map.partitionOf("k", elsewhere);

        map.put("k", 1, elsewhere);

        assertEquals(Optional.of(1), map.get("k", elsewhere));
        assertEquals(Optional.empty(), map.get("k"), "the key's own partition does not hold it");
        assertEquals(1, map.partitionSizes()[target]);
        scheduler.advance(INTERVAL);
        assertEquals(target, listener.batches().get(0).partition());
        assertEquals(List.of(new BufferEntry("k", 1, 0, 0)), listener.entries());
    }

    @Test
    void tableModeDeliversAllEntriesOfAPartitionInOneBatch() {
        MapBuffer map = startedMap(options(2).tableMode());
        IntStream.range(0, 30).forEach(i -> map.put("k" + i, i));
        map.put("k0", 100);
        long[] pending = map.partitionSizes();
        assertTrue(pending[0] > 0 && pending[1] > 0, "30 keys should reach both partitions");

        scheduler.advance(INTERVAL);

        assertEquals(2, listener.batches().size());
        for (Batch batch : listener.batches()) {
            assertEquals(pending[batch.partition()], batch.size());
        }
        Map<Object, BufferEntry> delivered = byKey(listener.entries());
        assertEquals(30, delivered.size());
        assertEquals(new BufferEntry("k0", 100, 0, 0), delivered.get("k0"));
    }

    @Test
    void stopDeliversEveryPendingEntryThenRefusesWrites() {
        MapBuffer map = startedMap(options(2).processingBatchSize(2));
        map.putAll(Map.of("a", 1, "b", 2, "c", 3));
        map.put("a", 10);
        map.putNewer("d", 4, 7);

        CompletableFuture<Void> stopped = map.stop();
        assertFalse(stopped.isDone(), "the future must wait for the deliveries, which have not run yet");
        scheduler.runReady();

        assertTrue(stopped.isDone());
        assertTrue(map.isStopped());
        assertEquals(Map.of("a", new BufferEntry("a", 10, 0, 0), "b", new BufferEntry("b", 2, 0, 0),
                        "c", new BufferEntry("c", 3, 0, 0), "d", new BufferEntry("d", 4, 7, 0)),
                byKey(listener.entries()));
        BufferException refused = assertThrows(BufferException.class, () -> map.put("e", 5));
        assertTrue(refused.getMessage().startsWith("Buffer 'prices' is stopping and accepts no more inserts"),
                refused.getMessage());
        assertThrows(BufferException.class, () -> map.putAll(Map.of("e", 5)));
        assertThrows(BufferException.class, () -> map.putNewer("e", 5, 1));
        assertThrows(BufferException.class, () -> map.putAllNewer(List.of(BufferEntry.of("e", 5, 1))));
        assertEquals(0, map.size());
    }

    // ---- composite keys and values

    record Sku(String store, int id) {
    }

    @Test
    void listMapAndRecordKeysAndValuesSurviveUpdates() {
        MapBuffer map = startedMap(options(4));
        map.put(List.of(1, "a"), Map.of("x", List.of(1)));
        map.put(new ArrayList<>(List.of(1, "a")), Map.of("x", List.of(1, 2))); // an equal key, another instance
        map.put(Map.of("x", List.of(1)), List.of("v1"));
        assertTrue(map.putNewer(Map.of("x", List.of(1)), List.of("v2", Map.of("n", 2)), 1));
        assertTrue(map.putNewer(new Sku("s", 1), new Sku("value", 1), 5));
        assertTrue(map.putNewer(new Sku("s", 1), new Sku("value", 2), 6));

        assertEquals(3, map.size());
        assertEquals(Optional.of(Map.of("x", List.of(1, 2))), map.get(Arrays.asList(1, "a")));
        assertEquals(Optional.of(new Sku("value", 2)), map.get(new Sku("s", 1)));
        scheduler.advance(INTERVAL);

        assertEquals(Map.of(
                List.of(1, "a"), new BufferEntry(List.of(1, "a"), Map.of("x", List.of(1, 2)), 0, 0),
                Map.of("x", List.of(1)), new BufferEntry(Map.of("x", List.of(1)), List.of("v2", Map.of("n", 2)), 1, 1),
                new Sku("s", 1), new BufferEntry(new Sku("s", 1), new Sku("value", 2), 6, 1)),
                byKey(listener.entries()));
    }

    // ---- statistics

    @Test
    void statisticsCountAcceptedWritesAndDeliveredEntries() {
        RecordingEvents events = new RecordingEvents();
        MapBuffer map = startedMap(options(2));
        map.addEventListener(events);
        map.put("a", 1);
        map.put("a", 2);                                         // an accepted overwrite counts
        map.put("b", 1);
        assertTrue(map.putNewer("c", 1, 5));
        assertFalse(map.putNewer("c", 2, 4));                    // ignored: not counted
        assertFalse(map.putNewer("c", 3, 5));
        assertEquals(1, map.putAllNewer(List.of(BufferEntry.of("d", 1, 1), BufferEntry.of("c", 4, 3))));
        assertTrue(map.delete("b"));

        BufferStatistics before = map.statistics();
        assertEquals(5, before.inserted());
        assertEquals(3, before.size());
        assertEquals(0, before.processed());
        assertEquals(5, events.of("inserted").stream()
                .mapToInt(event -> Integer.parseInt(event.substring(event.indexOf("count=") + 6))).sum());
        scheduler.advance(INTERVAL);

        BufferStatistics after = map.statistics();
        assertEquals(3, after.processed());
        assertEquals(0, after.size());
        assertEquals(5, after.inserted());
        for (PartitionStatistics partition : after.partitions()) {
            long deliveredHere = listener.batches().stream().filter(batch -> batch.partition() == partition.partition())
                    .mapToLong(Batch::size).sum();
            assertEquals(deliveredHere, partition.processed(), () -> "partition " + partition.partition());
        }
    }

    @Test
    void anEntryIsDeliveredAsTheSameObjectsThatWereWritten() {
        MapBuffer map = startedMap(options(1));
        Object key = new StringBuilder("identity-key");
        Object value = new int[] {1, 2, 3};
        map.put(key, value);

        scheduler.advance(INTERVAL);

        BufferEntry entry = listener.entries().get(0);
        assertSame(key, entry.key());
        assertSame(value, entry.value());
    }
}