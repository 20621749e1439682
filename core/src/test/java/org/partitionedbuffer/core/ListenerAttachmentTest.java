package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.partitionedbuffer.core.LifecycleBuffers.assertDelivered;
import static org.partitionedbuffer.core.LifecycleBuffers.delivered;
import static org.partitionedbuffer.core.LifecycleBuffers.ids;
import static org.partitionedbuffer.core.LifecycleBuffers.insert;
import static org.partitionedbuffer.core.LifecycleBuffers.insertAll;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BufferEventListener;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.api.BufferType;

/**
 * Proves the one-listener-per-buffer rule and that the listener's absence never loses data: without a listener the
 * data stays pending through any number of ticks, and a listener that detaches in the middle of a drain leaves the rest
 * of it, complete and in order, to the next listener.
 */
class ListenerAttachmentTest {

    private final ManualScheduler scheduler = new ManualScheduler();

    private PartitionedBuffer buffer(BufferType type, int partitions) {
        return LifecycleBuffers.create(LifecycleBuffers.options("audit", type).partitions(partitions)
                .processingIntervalMs(100).processingBatchSize(3).build(), scheduler);
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aSecondAttachIsRefusedWithAMessageNamingTheBufferAndTheOneListenerRule(BufferType type) {
        PartitionedBuffer buffer = buffer(type, 2);
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();
        buffer.attach(first);
        buffer.start();

        BufferException refused = assertThrows(BufferException.class, () -> buffer.attach(second));

        String message = refused.getMessage();
        assertTrue(message.contains("'audit'"), message);
        assertTrue(message.contains("already has a listener"), message);
        assertTrue(message.contains("one listener endpoint"), message);
        assertSame(first, buffer.listener());
        insertAll(buffer, ids(0, 5));
        scheduler.advance(100);
        assertDelivered(type, ids(0, 5), first);
        assertEquals(List.of(), second.batches());
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void withoutAListenerTicksKeepTheDataPendingAndALaterListenerGetsItAll(BufferType type) {
        PartitionedBuffer buffer = buffer(type, 2);
        RecordingEvents events = new RecordingEvents();
        buffer.addEventListener(events);
        buffer.start();
        insertAll(buffer, ids(0, 7));

        for (int tick = 0; tick < 5; tick++) {
            scheduler.advance(100);
        }
        assertEquals(7, buffer.size());
        assertEquals(0, buffer.statistics().processed());
        assertEquals(0, buffer.statistics().failedItems());
        assertEquals(List.of(), events.of("processingStarted"));

        RecordingListener late = new RecordingListener();
        buffer.attach(late);
        scheduler.runReady(); // attaching resumes delivery at once, without waiting for a tick

        assertDelivered(type, ids(0, 7), late);
        assertEquals(0, buffer.size());
        assertEquals(7, buffer.statistics().processed());
    }

    /** Detaches itself from the buffer inside its first onBatch, after taking that batch. */
    private static final class DetachingListener extends RecordingListener {
        private final PartitionedBuffer buffer;
        private final List<Boolean> detachResults = new ArrayList<>();

        DetachingListener(PartitionedBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public void onBatch(Batch batch) throws Exception {
            super.onBatch(batch);
            detachResults.add(buffer.detach(this));
        }
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aDetachInTheMiddleOfADrainLeavesTheRestOfItToTheNextListener(BufferType type) {
        PartitionedBuffer buffer = buffer(type, 1);
        DetachingListener leaving = new DetachingListener(buffer);
        buffer.attach(leaving);
        buffer.start();
        insertAll(buffer, ids(0, 9)); // one drain of three batches

        scheduler.advance(100);
        assertEquals(1, leaving.batches().size(), "batches 2 and 3 must wait for the next listener");
        assertEquals(List.of(true), leaving.detachResults);
        assertNull(buffer.listener());
        List<Object> firstBatch = delivered(leaving);
        assertEquals(3, firstBatch.size());

        insertAll(buffer, ids(9, 11)); // a later drain, which must come after the rest of the first one
        for (int tick = 0; tick < 3; tick++) {
            scheduler.advance(100);
        }
        assertEquals(1, leaving.batches().size());
        assertEquals(0, buffer.statistics().failedItems());

        RecordingListener next = new RecordingListener();
        buffer.attach(next);
        scheduler.runReady();

        assertEquals(List.of(3, 3, 2), next.batchSizes());
        List<Object> all = new ArrayList<>(firstBatch);
        all.addAll(delivered(next));
        assertEquals(ids(0, 11), sortedInts(all), "every id exactly once over the two listeners");
        List<Object> restOfFirstDrain = delivered(next).subList(0, 6);
        List<Object> expectedRest = new ArrayList<>(ids(0, 9));
        expectedRest.removeAll(firstBatch);
        if (type == BufferType.QUEUE) {
            assertEquals(List.of(0, 1, 2), firstBatch);
            assertEquals(ids(3, 11), delivered(next));
        } else {
            assertEquals(sortedInts(expectedRest), sortedInts(restOfFirstDrain));
            assertEquals(List.of(9, 10), sortedInts(delivered(next).subList(6, 8)));
        }
        assertEquals(11, buffer.statistics().processed());
        assertEquals(0, buffer.statistics().failedItems());
        assertEquals(0, buffer.size());
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aBatchWhoseListenerIsDetachedDuringOnBatchAndThenFailsUsesUpNoRetry(BufferType type) {
        // An MDB whose application is being undeployed fails its call ("container closed"): that is no verdict on the
        // batch. With maxRetries=0 a counted failure would drop it; it must go to the next listener instead.
        PartitionedBuffer buffer = LifecycleBuffers.create(LifecycleBuffers.options("audit", type).partitions(1)
                .processingIntervalMs(100).processingBatchSize(3).maxRetries(0).build(), scheduler);
        RecordingListener undeployed = new RecordingListener() {
            @Override
            public void onBatch(Batch batch) throws Exception {
                super.onBatch(batch);
                buffer.detach(this);
                throw new IllegalStateException("Message-driven bean invocation closed by container");
            }
        };
        buffer.attach(undeployed);
        buffer.start();
        insertAll(buffer, ids(0, 3));

        scheduler.advance(100);
        assertEquals(1, undeployed.batches().size());
        assertEquals(0, buffer.statistics().failedBatches());

        RecordingListener redeployed = new RecordingListener();
        buffer.attach(redeployed);
        scheduler.runReady();

        assertDelivered(type, ids(0, 3), redeployed);
        assertEquals(1, redeployed.batches().get(0).attempt(), "the same attempt, not a retry");
        assertEquals(0, buffer.statistics().retries());
        assertEquals(0, buffer.statistics().failedItems());
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aBatchRefusedAsUnavailableBeforeTheListenerIsDetachedUsesUpNoRetryAndGoesToTheNextListener(BufferType type) {
        // Payara fails the MDB call in flight when an undeploy begins, and detaches the bean a moment later on another
        // thread: the failure can reach the engine first. Counted as a failure, with maxRetries=0, it dropped the batch.
        PartitionedBuffer buffer = LifecycleBuffers.create(LifecycleBuffers.options("audit", type).partitions(1)
                .processingIntervalMs(100).processingBatchSize(3).maxRetries(0).build(), scheduler);
        RecordingListener undeploying = new RecordingListener() {
            @Override
            public void onBatch(Batch batch) throws Exception {
                super.onBatch(batch);
                throw new ListenerUnavailableException("the container is stopping", null);
            }
        };
        buffer.attach(undeploying);
        buffer.start();
        insertAll(buffer, ids(0, 3));

        scheduler.advance(100);
        assertEquals(1, undeploying.batches().size());
        assertEquals(0, buffer.statistics().failedBatches());
        buffer.detach(undeploying);
        scheduler.advance(PartitionDelivery.UNAVAILABLE_RETRY_MS);
        assertEquals(1, undeploying.batches().size(), "a detached listener is not tried again");

        RecordingListener redeployed = new RecordingListener();
        buffer.attach(redeployed);
        scheduler.runReady();

        assertDelivered(type, ids(0, 3), redeployed);
        assertEquals(1, redeployed.batches().get(0).attempt(), "the same attempt, not a retry");
        assertEquals(0, buffer.statistics().retries());
        assertEquals(0, buffer.statistics().failedItems());
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aListenerUnavailableForAWhileGetsTheSameAttemptAgainWithoutUsingARetry(BufferType type) {
        PartitionedBuffer buffer = LifecycleBuffers.create(LifecycleBuffers.options("audit", type).partitions(1)
                .processingIntervalMs(100).processingBatchSize(3).maxRetries(0).build(), scheduler);
        List<Integer> refusedAttempts = new ArrayList<>();
        RecordingListener slowToStart = new RecordingListener() {
            @Override
            public void onBatch(Batch batch) throws Exception {
                if (refusedAttempts.size() < 3) {
                    refusedAttempts.add(batch.attempt());
                    throw new ListenerUnavailableException("not available yet", null);
                }
                super.onBatch(batch);
            }
        };
        buffer.attach(slowToStart);
        buffer.start();
        insertAll(buffer, ids(0, 3));

        scheduler.advance(100);
        scheduler.advance(PartitionDelivery.UNAVAILABLE_RETRY_MS);
        scheduler.advance(PartitionDelivery.UNAVAILABLE_RETRY_MS);
        assertEquals(List.of(), slowToStart.batches());
        scheduler.advance(PartitionDelivery.UNAVAILABLE_RETRY_MS);

        assertDelivered(type, ids(0, 3), slowToStart);
        assertEquals(List.of(1, 1, 1), refusedAttempts);
        assertEquals(1, slowToStart.batches().get(0).attempt());
        assertEquals(0, buffer.statistics().retries());
        assertEquals(0, buffer.statistics().failedItems());
    }

    private static List<Integer> sortedInts(List<?> ids) {
        return ids.stream().map(id -> (Integer) id).sorted().toList();
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void detachingAListenerThatIsNotAttachedReturnsFalseAndChangesNothing(BufferType type) {
        PartitionedBuffer buffer = buffer(type, 2);
        RecordingListener attached = new RecordingListener();
        RecordingListener other = new RecordingListener();
        buffer.attach(attached);
        buffer.start();

        assertFalse(buffer.detach(other));

        assertSame(attached, buffer.listener());
        insertAll(buffer, ids(0, 4));
        scheduler.advance(100);
        assertDelivered(type, ids(0, 4), attached);
        assertEquals(List.of(), other.batches());
        assertTrue(buffer.detach(attached));
        assertFalse(buffer.detach(attached), "a second detach finds no listener");
        insert(buffer, 4);
        scheduler.advance(100);
        assertEquals(1, buffer.size());
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void attachingAndDetachingAreToldToObserversAndARefusedAttachIsNot(BufferType type) {
        PartitionedBuffer buffer = buffer(type, 1);
        List<String> events = new ArrayList<>();
        buffer.addEventListener(new BufferEventListener() {
            @Override
            public void listenerAttached(String name) {
                events.add("attached " + name);
            }

            @Override
            public void listenerDetached(String name) {
                events.add("detached " + name);
            }
        });
        RecordingListener first = new RecordingListener();
        buffer.attach(first);

        assertThrows(BufferException.class, () -> buffer.attach(new RecordingListener()));
        assertFalse(buffer.detach(new RecordingListener()));
        assertTrue(buffer.detach(first));

        assertEquals(List.of("attached audit", "detached audit"), events);
    }
}
