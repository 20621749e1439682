package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;
import org.partitionedbuffer.api.BufferType;

/**
 * One partition's delivery driven alone, through the {@link DeliveryContext} a test builds by hand: no buffer, no
 * timers, a hand-driven scheduler.
 */
class PartitionDeliveryTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final CapacityGate gate = new CapacityGate(scheduler::nanoTime);
    private final QueuePartition partition = new QueuePartition(0, false, gate);
    private final AtomicReference<BatchListener> listener = new AtomicReference<>();
    private final Telemetry telemetry = new Telemetry("events");
    private final BufferLifecycle lifecycle = new BufferLifecycle(1, scheduler, telemetry);
    private BufferOptions options = BufferOptions.builder("events").partitions(1).processingBatchSize(2)
            .maxRetries(1).retryBackoffMs(100).build();
    private final PartitionDelivery delivery = new PartitionDelivery(new DeliveryContext("events", BufferType.QUEUE,
            listener::get, () -> options, lifecycle, telemetry, new DeadLetters("events", name -> Optional.empty()),
            () -> false),
            partition, scheduler);

    private void append(Object... items) {
        for (Object item : items) {
            assertEquals(Placement.PLACED, partition.append(item, 0));
        }
    }

    @Test
    void withoutAListenerARequestLeavesTheItemsPendingAndAListenerThenReceivesThemInBatches() {
        RecordingListener recording = new RecordingListener();
        append("a", "b", "c");

        delivery.request(DrainReason.FLUSH);
        scheduler.runReady();
        assertEquals(3, partition.size());

        listener.set(recording);
        delivery.request(DrainReason.FLUSH);
        scheduler.runReady();

        assertEquals(List.of(2, 1), recording.batchSizes());
        assertEquals(List.of("a", "b", "c"), recording.items());
        assertEquals(3, delivery.processed());
        assertTrue(delivery.idle());
    }

    @Test
    void aFailedBatchIsRetriedAfterItsBackoffBeforeTheNextBatchThenGivenUpAndCounted() {
        List<Integer> attempts = new ArrayList<>();
        List<Object> delivered = new ArrayList<>();
        listener.set(batch -> {
            attempts.add(batch.attempt());
            if (batch.items().contains("b")) {
                throw new IllegalStateException("refused");
            }
            delivered.addAll(batch.items());
        });
        append("a", "b", "c");

        delivery.request(DrainReason.FLUSH);
        scheduler.runReady();
        assertEquals(List.of(1), attempts, "the first batch failed once and waits for its backoff");
        assertFalse(delivery.idle());

        scheduler.advance(100);

        assertEquals(List.of(1, 2, 1), attempts, "retried once (maxRetries=1), then the next batch");
        assertEquals(List.of("c"), delivered);
        assertEquals(1, delivery.failedBatches());
        assertEquals(2, delivery.failedItems());
        assertEquals(1, delivery.retries());
        assertEquals(2, delivery.exceptions());
    }

    @Test
    void aMarkIsReachedOnceWhatWasInsertedBeforeItHasBeenDelivered() {
        List<Batch> batches = new ArrayList<>();
        listener.set(batches::add);
        append("a", "b");

        long mark = delivery.requestAndMark();
        assertFalse(delivery.reached(mark));
        scheduler.runReady();

        assertTrue(delivery.reached(mark));
        assertEquals(1, batches.size());
    }

    @Test
    void aStopWithNoListenerGivesUpWhatIsLeftAndFinishesThePartition() {
        append("a", "b", "c");
        assertTrue(lifecycle.beginStop(1_000));
        partition.close();

        delivery.request(DrainReason.FLUSH);
        scheduler.runReady();

        assertEquals(3, delivery.failedItems());
        assertEquals(0, partition.size());
        assertTrue(lifecycle.stopped().isDone(), "its only partition finished: the stop completed");
    }
}
