package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BufferEntry;
import org.partitionedbuffer.api.DeadLetter;
import org.partitionedbuffer.api.BufferEventListener;
import org.partitionedbuffer.api.BufferType;

/**
 * One bad item does not condemn its batch: items a listener marks with {@code failItem} are redelivered on their own,
 * before later batches, then dead-lettered or dropped alone; {@code nonRetryable} causes skip the remaining retries,
 * of a batch or of an item; and the counts stay exact per item.
 */
class ItemFailuresTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final BufferRegistry registry = new BufferRegistry(scheduler, "create it");
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Object> deadLetters = new CopyOnWriteArrayList<>();
    private final List<String> failedEvents = new CopyOnWriteArrayList<>();

    /** One partition, batches of 5, ticks every 100 ms, 2 retries after 100 then 200 ms, a dead-letter buffer. */
    private QueueBuffer work(BufferOptions.Builder options, BiConsumer<Batch, List<Object>> listener) {
        QueueBuffer dead = (QueueBuffer) registry.create(BufferOptions.builder("dead").partitions(1)
                .processingIntervalMs(100).build());
        dead.attach(batch -> deadLetters.addAll(batch.items()));
        QueueBuffer buffer = (QueueBuffer) registry.create(options.partitions(1).processingIntervalMs(100)
                .processingBatchSize(5).maxRetries(2).retryBackoffMs(100).deadLetterBuffer("dead").build());
        buffer.addEventListener(new BufferEventListener() {
            @Override
            public void itemsFailed(String name, int partition, int count, int attempt, Throwable firstCause) {
                failedEvents.add(count + " at attempt " + attempt + ": " + firstCause.getMessage());
            }
        });
        buffer.attach(batch -> {
            calls.add(batch.items() + "#" + batch.attempt());
            listener.accept(batch, batch.items());
        });
        scheduler.runReady();
        return buffer;
    }

    private static BufferOptions.Builder options() {
        return BufferOptions.builder("work");
    }

    /** Marks every item whose text starts with {@code prefix}. */
    private static BiConsumer<Batch, List<Object>> marking(String prefix, Throwable cause) {
        return (batch, items) -> {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).toString().startsWith(prefix)) {
                    batch.failItem(i, cause);
                }
            }
        };
    }

    @Test
    void markedItemsAreRedeliveredAloneAfterTheBackoffBeforeLaterBatches() {
        List<Object> processed = new ArrayList<>();
        QueueBuffer buffer = work(options(), (batch, items) -> {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).toString().startsWith("bad") && batch.attempt() == 1) {
                    batch.failItem(i, new IllegalStateException("row refused"));
                } else {
                    processed.add(items.get(i));
                }
            }
        });
        buffer.pushAll(List.of("a", "bad1", "b", "bad2", "c", "d", "e"));

        scheduler.advance(100);
        assertEquals(List.of("[a, bad1, b, bad2, c]#1"), calls, "the marked two wait for their backoff");
        scheduler.advance(100);

        assertEquals(List.of("[a, bad1, b, bad2, c]#1", "[bad1, bad2]#2", "[d, e]#1"), calls);
        assertEquals(List.of("a", "b", "c", "bad1", "bad2", "d", "e"), processed);
        assertEquals(List.of("2 at attempt 1: row refused"), failedEvents);
        BufferStatistics statistics = buffer.statistics();
        assertEquals(7, statistics.processed());
        assertEquals(2, statistics.markedFailed());
        assertEquals(0, statistics.failedItems());
        assertEquals(1, statistics.retries());
    }

    @Test
    void markedItemsThatFailEveryRetryAreDeadLetteredAloneAndTheCountsAddUp() {
        QueueBuffer buffer = work(options(), marking("bad", new IllegalStateException("row refused")));
        buffer.pushAll(List.of("a", "bad1", "b", "bad2", "c"));

        scheduler.advance(100 + 100 + 200 + 100);

        assertEquals(List.of("[a, bad1, b, bad2, c]#1", "[bad1, bad2]#2", "[bad1, bad2]#3"), calls);
        assertEquals(List.of("bad1", "bad2"), deadLetters);
        BufferStatistics statistics = buffer.statistics();
        assertEquals(3, statistics.processed());
        assertEquals(2, statistics.deadLettered());
        assertEquals(2, statistics.failedItems());
        assertEquals(6, statistics.markedFailed(), "2 marked at each of 3 attempts");
        assertEquals(statistics.inserted(), statistics.processed() + statistics.failedItems());
    }

    @Test
    void theDeadLetterBeanReadsWhyEachItemWasGivenUpBesideTheOriginalItem() {
        List<Optional<DeadLetter>> letters = new CopyOnWriteArrayList<>();
        QueueBuffer dead = (QueueBuffer) registry.create(BufferOptions.builder("letters").partitions(1)
                .processingIntervalMs(100).build());
        dead.attach(batch -> {
            for (int i = 0; i < batch.size(); i++) {
                deadLetters.add(batch.items().get(i));
                letters.add(batch.deadLetterOf(i));
            }
        });
        QueueBuffer buffer = (QueueBuffer) registry.create(options().partitions(1).processingIntervalMs(100)
                .maxRetries(0).deadLetterBuffer("letters").build());
        BiConsumer<Batch, List<Object>> markBad = marking("bad", new IllegalStateException("row refused"));
        buffer.attach(batch -> markBad.accept(batch, batch.items()));
        scheduler.runReady();
        buffer.pushAll(List.of("a", "bad"));
        dead.push("pushed directly");

        scheduler.advance(100);
        scheduler.advance(100);

        assertEquals(List.of("pushed directly", "bad"), deadLetters, "the original items, not wrapped");
        assertEquals(Optional.empty(), letters.get(0));
        DeadLetter letter = letters.get(1).orElseThrow();
        assertEquals("work", letter.buffer());
        assertEquals(0, letter.partition());
        assertEquals(1, letter.attempts());
        assertEquals("java.lang.IllegalStateException: row refused", letter.cause());
        assertEquals(2, dead.statistics().processed());
    }

    @Test
    void eachItemGivenUpCarriesItsOwnCauseToTheDeadLetterBuffer() {
        List<String> causes = new CopyOnWriteArrayList<>();
        QueueBuffer dead = (QueueBuffer) registry.create(BufferOptions.builder("causes").partitions(1)
                .processingIntervalMs(100).build());
        dead.attach(batch -> {
            for (int i = 0; i < batch.size(); i++) {
                causes.add(batch.items().get(i) + ": " + batch.deadLetterOf(i).orElseThrow().cause());
            }
        });
        QueueBuffer buffer = (QueueBuffer) registry.create(options().partitions(1).processingIntervalMs(100)
                .maxRetries(1).retryBackoffMs(100).deadLetterBuffer("causes")
                .nonRetryable("java.lang.IllegalArgumentException").build());
        buffer.attach(batch -> {
            for (int i = 0; i < batch.size(); i++) {
                String item = batch.items().get(i).toString();
                if (item.startsWith("invalid")) {
                    batch.failItem(i, new IllegalArgumentException(item + " is invalid"));
                } else if (item.startsWith("busy")) {
                    batch.failItem(i, new IllegalStateException(item + " is busy"));
                }
            }
        });
        scheduler.runReady();
        buffer.pushAll(List.of("invalid-1", "ok", "busy-1", "invalid-2", "busy-2"));

        scheduler.advance(100); // the first attempt: both invalid ones given up at once
        scheduler.advance(100); // the retry of both busy ones, which fail again: given up
        scheduler.advance(100); // the dead-letter buffer's tick

        assertEquals(List.of("invalid-1: java.lang.IllegalArgumentException: invalid-1 is invalid",
                "invalid-2: java.lang.IllegalArgumentException: invalid-2 is invalid",
                "busy-1: java.lang.IllegalStateException: busy-1 is busy",
                "busy-2: java.lang.IllegalStateException: busy-2 is busy"), causes);
    }

    @Test
    void whenOnBatchThrowsItsMarksAreIgnoredAndTheWholeBatchIsRetried() {
        QueueBuffer buffer = work(options(), (batch, items) -> {
            if (batch.attempt() == 1) {
                batch.failItem(0, new IllegalStateException("marked"));
                throw new IllegalStateException("the whole batch failed");
            }
        });
        buffer.pushAll(List.of("a", "b", "c"));

        scheduler.advance(200);

        assertEquals(List.of("[a, b, c]#1", "[a, b, c]#2"), calls);
        assertEquals(3, buffer.statistics().processed());
        assertEquals(0, buffer.statistics().markedFailed());
    }

    @Test
    void aNonRetryableBatchFailureIsGivenUpAtOnceEvenWrapped() {
        QueueBuffer buffer = work(options().nonRetryable("java.sql.SQLException"), (batch, items) -> {
            throw new IllegalStateException("EJB wrapper", new SQLIntegrityConstraintViolationException("duplicate"));
        });
        buffer.pushAll(List.of("a", "b"));

        scheduler.advance(100 + 100);

        assertEquals(List.of("[a, b]#1"), calls, "no retry: a subclass of the named class, found in the cause chain");
        assertEquals(List.of("a", "b"), deadLetters);
        assertEquals(0, buffer.statistics().retries());
    }

    @Test
    void anItemWithANonRetryableCauseIsGivenUpAtOnceAndTheOthersMarkedAreRetried() {
        QueueBuffer buffer = work(options().nonRetryable("java.sql.SQLIntegrityConstraintViolationException"),
                (batch, items) -> {
                    for (int i = 0; i < items.size(); i++) {
                        String item = items.get(i).toString();
                        if (item.equals("duplicate")) {
                            batch.failItem(i, new SQLIntegrityConstraintViolationException("duplicate key"));
                        } else if (item.equals("flaky") && batch.attempt() == 1) {
                            batch.failItem(i, new IllegalStateException("timeout"));
                        }
                    }
                });
        buffer.pushAll(List.of("a", "duplicate", "flaky", "b"));

        scheduler.advance(100 + 100);

        assertEquals(List.of("[a, duplicate, flaky, b]#1", "[flaky]#2"), calls);
        assertEquals(List.of("duplicate"), deadLetters);
        BufferStatistics statistics = buffer.statistics();
        assertEquals(3, statistics.processed());
        assertEquals(1, statistics.deadLettered());
        assertEquals(statistics.inserted(), statistics.processed() + statistics.failedItems());
    }

    @Test
    void withoutADeadLetterBufferMarkedItemsAreDroppedAndCounted() {
        QueueBuffer buffer = (QueueBuffer) registry.create(options().partitions(1).processingIntervalMs(100)
                .processingBatchSize(5).maxRetries(0).build());
        BiConsumer<Batch, List<Object>> markBad = marking("bad", new IllegalStateException("refused"));
        buffer.attach(batch -> markBad.accept(batch, batch.items()));
        scheduler.runReady();
        buffer.pushAll(List.of("a", "bad"));

        scheduler.advance(100);

        BufferStatistics statistics = buffer.statistics();
        assertEquals(1, statistics.processed());
        assertEquals(1, statistics.failedItems());
        assertEquals(0, statistics.deadLettered());
    }

    @Test
    void anIndexOutsideTheBatchIsRefused() {
        DeliveredBatch batch = new DeliveredBatch("work", 0, BufferType.QUEUE, List.of("a"), 1);

        assertThrows(IndexOutOfBoundsException.class, () -> batch.failItem(1, new IllegalStateException()));
        assertThrows(NullPointerException.class, () -> batch.failItem(0, null));
        batch.failItem(0, new IllegalStateException("first"));
        batch.failItem(0, new IllegalStateException("second"));
        assertEquals(1, batch.markedCount());
        assertEquals("first", batch.causeOf(0).getMessage());
    }

    @Test
    void mapBatchesMarkEntriesTheSameWay() {
        QueueBuffer dead = (QueueBuffer) registry.create(BufferOptions.builder("dead").partitions(1)
                .processingIntervalMs(100).build());
        dead.attach(batch -> deadLetters.addAll(batch.items()));
        MapBuffer prices = (MapBuffer) registry.create(BufferOptions.builder("prices").type(BufferType.MAP)
                .partitions(1).processingIntervalMs(100).maxRetries(0).deadLetterBuffer("dead").build());
        prices.attach(batch -> {
            for (int i = 0; i < batch.size(); i++) {
                if (batch.entries().get(i).key().equals("BAD")) {
                    batch.failItem(i, new IllegalArgumentException("no such symbol"));
                }
            }
        });
        scheduler.runReady();
        prices.putAll(Map.of("ACME", 1, "BAD", 2));

        scheduler.advance(200);

        assertEquals(1, deadLetters.size());
        assertEquals("BAD", ((BufferEntry) deadLetters.get(0)).key());
        assertEquals(Optional.empty(), prices.get("BAD"));
        assertEquals(1, prices.statistics().processed());
    }
}
