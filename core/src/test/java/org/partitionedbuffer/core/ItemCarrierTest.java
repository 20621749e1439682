package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/*
 * A listener that is an ItemCarrier gets every item as it converts it; an item it cannot convert is given up on its
 * own (dead-lettered or dropped, counted, logged once with the carrier's reason) and the rest of its batch is
 * delivered; a retry to the same listener converts nothing twice, and nothing is given up twice.
 */
class ItemCarrierTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final BufferRegistry registry = new BufferRegistry(scheduler, "create NAME");

    /** Converts numbers to "n<number>", refuses negative ones; fails its first {@code failures} onBatch calls. */
    private static final class ConvertingListener implements BatchListener, ItemCarrier {
        final List<List<Object>> batches = new CopyOnWriteArrayList<>();
        final List<Object> carried = new CopyOnWriteArrayList<>();
        int failures;

        ConvertingListener(int failures) {
            this.failures = failures;
        }

        @Override
        public Object carry(Object item) throws ItemNotCarriedException {
            carried.add(item);
            int number = (Integer) item;
            if (number < 0) {
                throw new ItemNotCarriedException("class Negative is not visible; make it Serializable", null);
            }
            return number % 2 == 0 ? "n" + number : item; // odd ones are taken as they are
        }

        @Override
        public void onBatch(Batch batch) throws Exception {
            if (failures-- > 0) {
                throw new IllegalStateException("not now");
            }
            batches.add(new ArrayList<>(batch.items()));
        }
    }

    private QueueBuffer started(BatchListener listener, String deadLetterBuffer) {
        BufferOptions.Builder options = BufferOptions.builder("events").partitions(1).processingIntervalMs(100)
                .processingBatchSize(10).maxRetries(2).retryBackoffMs(100);
        if (deadLetterBuffer != null) {
            options.deadLetterBuffer(deadLetterBuffer);
        }
        QueueBuffer buffer = (QueueBuffer) registry.create(options.build());
        buffer.attach(listener);
        scheduler.runReady();
        return buffer;
    }

    @Test
    void theListenerReceivesItemsAsItConvertsThem() {
        ConvertingListener listener = new ConvertingListener(0);
        QueueBuffer buffer = started(listener, null);

        buffer.pushAll(List.of(1, 2, 3, 4));
        scheduler.advance(100);

        assertEquals(List.of(List.of(1, "n2", 3, "n4")), listener.batches);
        assertEquals(4, buffer.statistics().processed());
    }

    @Test
    void anItemTheListenerCannotTakeIsDeadLetteredAloneAndTheRestOfItsBatchIsDelivered() {
        QueueBuffer deadLetters = (QueueBuffer) registry.create(BufferOptions.builder("dead").partitions(1).build());
        ConvertingListener listener = new ConvertingListener(0);
        QueueBuffer buffer = started(listener, "dead");

        try (CapturedLog log = new CapturedLog(PartitionDelivery.class)) {
            buffer.pushAll(List.of(1, -2, 3, -4, 5));
            scheduler.advance(100);

            assertEquals(List.of("Buffer 'events' partition 0: gave up 2 item(s) its listener cannot take (class"
                    + " Negative is not visible; make it Serializable); moved it to dead-letter buffer 'dead'"),
                    log.messagesAt(Level.WARNING));
        }
        assertEquals(List.of(List.of(1, 3, 5)), listener.batches);
        assertEquals(2, deadLetters.size(), "the original items, in the dead-letter buffer");
        BufferStatistics statistics = buffer.statistics();
        assertEquals(List.of(5L, 3L, 1L, 2L), List.of(statistics.inserted(), statistics.processed(),
                statistics.failedBatches(), statistics.failedItems()), "inserted = processed + failed items");
    }

    @Test
    void aRetryToTheSameListenerConvertsNothingTwiceAndGivesNothingUpTwice() {
        ConvertingListener listener = new ConvertingListener(1);
        QueueBuffer buffer = started(listener, null);

        buffer.pushAll(List.of(1, -2, 4));
        scheduler.advance(100); // attempt 1 fails
        scheduler.advance(100); // the retry succeeds

        assertEquals(List.of(List.of(1, "n4")), listener.batches);
        assertEquals(List.of(1, -2, 4), listener.carried, "each item converted once");
        BufferStatistics statistics = buffer.statistics();
        assertEquals(List.of(3L, 2L, 1L, 1L), List.of(statistics.inserted(), statistics.processed(),
                statistics.failedBatches(), statistics.failedItems()));
    }

    @Test
    void aBatchWhoseItemsWereAllRefusedCallsNoListener() {
        ConvertingListener listener = new ConvertingListener(0);
        QueueBuffer buffer = started(listener, null);

        buffer.pushAll(List.of(-1, -2));
        scheduler.advance(100);
        buffer.push(3);
        scheduler.advance(100);

        assertEquals(List.of(List.of(3)), listener.batches);
        assertTrue(buffer.statistics().failedItems() == 2);
    }
}
