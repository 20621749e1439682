package org.partitionedbuffer.core;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BufferType;

/*
 * flushAndWait processes every partition now and returns once what each held at the call was delivered: also behind a
 * delivery already running; it gives up at its timeout when no listener takes the items.
 */
@Timeout(20)
class FlushAndWaitTest {

    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final ManualScheduler scheduler = new ManualScheduler(workers);

    @AfterEach
    void stopWorkers() throws InterruptedException {
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }

    private PartitionedBuffer started(BufferType type) {
        PartitionedBuffer buffer = PartitionedBuffer.create(BufferOptions.builder("flushed").type(type).partitions(3)
                .processingIntervalMs(3_600_000).processingBatchSize(7).build(), scheduler);
        buffer.start();
        return buffer;
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void whenItReturnsTrueEverythingPendingAtTheCallWasDelivered(BufferType type) throws Exception {
        PartitionedBuffer buffer = started(type);
        RecordingListener listener = new RecordingListener();
        buffer.attach(listener);
        NumberedItems.insert(buffer, 1, 200);

        assertTrue(buffer.flushAndWait(10_000));

        assertEquals(200, type == BufferType.QUEUE ? listener.items().size() : listener.entries().size());
        assertTrue(buffer.holdsNothing());
    }

    @Test
    void itWaitsForTheDrainAfterTheOneRunningAtTheCall() throws Exception {
        PartitionedBuffer buffer = started(BufferType.QUEUE);
        CountDownLatch inFirstBatch = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener recording = new RecordingListener();
        buffer.attach((Batch batch) -> {
            if (batch.items().contains(1)) {
                inFirstBatch.countDown();
                release.await();
            }
            recording.onBatch(batch);
        });
        ((QueueBuffer) buffer).push(1, org.partitionedbuffer.api.PartitionKey.of("p"));
        buffer.flush();
        inFirstBatch.await();
        ((QueueBuffer) buffer).pushAll(List.of(2, 3, 4), org.partitionedbuffer.api.PartitionKey.of("p"));

        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> {
            try {
                return buffer.flushAndWait(10_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, workers);
        await().atMost(Duration.ofSeconds(10)).until(FlushAndWaitTest::aThreadWaitsInFlushAndWait);
        release.countDown(); // the first batch ends only now, with flushAndWait already waiting

        assertTrue(waited.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(1, 2, 3, 4), recording.items(), "the items behind the running batch too");
    }

    private static boolean aThreadWaitsInFlushAndWait() {
        return Thread.getAllStackTraces().values().stream().flatMap(Arrays::stream)
                .anyMatch(frame -> frame.getMethodName().equals("flushAndWait"));
    }

    @Test
    void withNothingPendingItReturnsAtOnce() throws Exception {
        PartitionedBuffer buffer = started(BufferType.QUEUE);
        buffer.attach(new RecordingListener());

        assertTrue(buffer.flushAndWait(10_000));
        NumberedItems.insert(buffer, 1, 5);
        assertTrue(buffer.flushAndWait(10_000));
        assertTrue(buffer.flushAndWait(10_000));
    }

    @Test
    void withoutAListenerItGivesUpAtItsTimeoutAndKeepsTheItems() throws Exception {
        PartitionedBuffer buffer = started(BufferType.QUEUE);
        NumberedItems.insert(buffer, 1, 10);

        assertFalse(buffer.flushAndWait(50));

        assertEquals(10, buffer.size());
    }
}
