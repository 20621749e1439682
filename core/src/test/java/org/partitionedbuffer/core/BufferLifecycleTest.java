package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.partitionedbuffer.api.BufferEventListener;

/** Lifecycle events reach observers outside every lock, once each and in order. */
class BufferLifecycleTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final Telemetry telemetry = new Telemetry("events");
    private final BufferLifecycle lifecycle = new BufferLifecycle(2, scheduler, telemetry);

    @Test
    @Timeout(30) // a callback run under the lock would hold this test up forever
    void anObserverStillInItsCallbackBlocksNeitherAStopNorAnotherObserversRegistration() throws Exception {
        CountDownLatch inCallback = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingEvents late = new RecordingEvents();
        telemetry.add(new BufferEventListener() {
            @Override
            public void partitionStarted(String name, int partition, long systemTimeMillis) {
                inCallback.countDown();
                await(release);
            }
        });
        CompletableFuture<Boolean> starting = CompletableFuture.supplyAsync(lifecycle::start);
        assertTrue(inCallback.await(10, TimeUnit.SECONDS));

        // Were the callback run under the lifecycle's lock, these calls would wait for it.
        lifecycle.addObserverWithHistory(late);
        assertTrue(lifecycle.beginStop(1_000));

        release.countDown();
        assertTrue(starting.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("partitionStarted p0", "partitionStarted p1"), late.events(),
                "the late observer heard the history once, after the callback in progress");
    }

    @Test
    void theStopCompletesAfterEveryObserverHeardEachPartitionStop() {
        RecordingEvents events = new RecordingEvents();
        telemetry.add(events);
        lifecycle.start();
        lifecycle.beginStop(1_000);
        lifecycle.stopped().thenRun(() -> events.partitionStopped("events", -1, 0, "future completed"));

        lifecycle.partitionFinished(1);
        lifecycle.partitionFinished(0);
        lifecycle.partitionFinished(0);

        assertEquals(List.of("partitionStarted p0", "partitionStarted p1", "partitionStopped p1 reason=shutdown",
                "partitionStopped p0 reason=shutdown", "partitionStopped p-1 reason=future completed"), events.events());
        assertTrue(lifecycle.isStopped());
    }

    @Test
    void eventsAddedWhileAnotherThreadPublishesAreRunByItInOrder() {
        OrderedEvents events = new OrderedEvents();
        StringBuilder seen = new StringBuilder();
        events.add(() -> {
            seen.append('a');
            events.add(() -> seen.append('c'));
            events.publish(); // another publisher is running: it leaves 'c' to it
            seen.append('b');
        });

        events.publish();

        assertEquals("abc", seen.toString());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
