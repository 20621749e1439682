package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.partitionedbuffer.core.LifecycleBuffers.ids;
import static org.partitionedbuffer.core.LifecycleBuffers.insertAll;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;
import org.partitionedbuffer.api.BufferType;

/**
 * A server may take a delivery run and refuse it later (Open Liberty refuses the Work of an application that stops,
 * and says so only to a WorkListener). No refused run may hold its partition: the run is submitted again while a
 * listener waits for it, the items stay while none is attached, and a stop with no listener ends at once, counting
 * what it gives up.
 */
class RefusedWorkTest {

    private static final Exception REFUSAL = new RejectedExecutionException("CWWKC1013E: component is unavailable");

    private final ManualScheduler scheduler = new ManualScheduler();
    private final RecordingListener listener = new RecordingListener();
    private final PartitionedBuffer buffer = LifecycleBuffers.create(LifecycleBuffers.options("work", BufferType.QUEUE)
            .partitions(1).processingIntervalMs(100).processingBatchSize(100).build(), scheduler);

    private void attachAndStart() {
        buffer.attach(listener);
        buffer.start();
        scheduler.runReady();
    }

    /** Lets the tick fire and refuses the run it submits. */
    private void tickAndRefuse() {
        scheduler.advanceTimersOnly(100);
        assertEquals(1, scheduler.refuseReady(REFUSAL), "the tick's run");
    }

    @Test
    void aRefusedRunIsSubmittedAgainAndDeliversEverything() {
        attachAndStart();
        insertAll(buffer, ids(0, 10));

        tickAndRefuse();
        scheduler.advance(100);

        assertEquals(ids(0, 10), listener.items());
        assertEquals(10, buffer.statistics().processed());
    }

    @Test
    void aRefusedRunWithNoListenerLeavesTheItemsForTheNextListener() {
        attachAndStart();
        insertAll(buffer, ids(0, 10));
        scheduler.advanceTimersOnly(100);
        buffer.detach(listener);

        assertEquals(1, scheduler.refuseReady(REFUSAL));
        scheduler.advance(1_000);
        assertEquals(List.of(), listener.items());
        assertEquals(10, buffer.size(), "kept");

        RecordingListener next = new RecordingListener();
        buffer.attach(next);
        scheduler.advance(100);
        assertEquals(ids(0, 10), next.items());
    }

    @Test
    void aStopWhoseRunIsRefusedWithNoListenerEndsAtOnceAndCountsWhatItGivesUp() {
        attachAndStart();
        buffer.detach(listener);
        insertAll(buffer, ids(0, 10));

        var stopped = buffer.stop();
        assertEquals(1, scheduler.refuseReady(REFUSAL), "the stop's run");

        assertTrue(stopped.isDone(), "no wait for the stop's deadline");
        assertEquals(10, buffer.statistics().failedItems());
        assertEquals(0, buffer.size());
    }

    @Test
    void heldCountsTheItemsOfADrainThatWaitsForAListener() {
        buffer.attach(new BatchListener() {
            @Override
            public void onBatch(Batch batch) {
                buffer.detach(this); // an undeploy while onBatch runs: the drain waits for the next listener
                throw new IllegalStateException("its application stopped");
            }
        });
        buffer.start();
        insertAll(buffer, ids(0, 10));

        scheduler.advance(100);

        assertEquals(0, buffer.size(), "drained");
        assertEquals(10, buffer.held(), "but not delivered: logs and stops must count them");
        buffer.attach(listener);
        scheduler.advance(100);
        assertEquals(ids(0, 10), listener.items());
        assertEquals(0, buffer.held());
    }
}
