package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The gate alone, on a clock the test sets: waits end on its deadlines, not on the wall clock's. */
class CapacityGateTest {

    private final AtomicLong clock = new AtomicLong();
    private final CapacityGate gate = new CapacityGate(clock::get);

    @Test
    void reservationsStopAtCapacityAndReleasesMakeRoomAgain() {
        assertTrue(gate.tryReserve(3, 5));
        assertFalse(gate.tryReserve(3, 5), "3 + 3 > 5: nothing is reserved");
        assertEquals(3, gate.pending());
        assertTrue(gate.tryReserve(2, 5));

        gate.release(4);

        assertEquals(1, gate.pending());
        assertTrue(gate.tryReserve(4, 5));
    }

    @Test
    void capacityZeroMeansUnbounded() {
        assertTrue(gate.tryReserve(Long.MAX_VALUE / 2, 0));
    }

    @Test
    void partitionsJoiningOrLeavingAdjustTheCountWithoutABound() {
        gate.adjust(7);
        gate.adjust(-2);
        assertEquals(5, gate.pending());
    }

    @Test
    void aWaitWhoseDeadlineHasPassedOnTheGatesClockEndsAtOnceWithoutRoom() throws Exception {
        gate.tryReserve(5, 5);
        clock.set(1_000);

        assertFalse(gate.awaitRoom(1, () -> 5, () -> true, 999));
    }

    @Test
    void aWaitThatNoLongerAppliesOrThatFindsRoomEndsAtOnce() throws Exception {
        gate.tryReserve(5, 5);

        assertTrue(gate.awaitRoom(1, () -> 5, () -> false, 1_000), "no longer waiting: try the insert again");
        assertTrue(gate.awaitRoom(1, () -> 6, () -> true, 1_000), "a raised capacity is room");
    }

    @Test
    void aReleaseWakesAWaitingProducerAndAnAdvancedClockEndsAnother() throws Exception {
        gate.tryReserve(5, 5);
        CompletableFuture<Boolean> woken = waitOnAnotherThread(Long.MAX_VALUE);
        awaitWaiters(1);

        gate.release(1);

        assertTrue(woken.get(10, TimeUnit.SECONDS));
        gate.tryReserve(1, 5);
        CompletableFuture<Boolean> timedOut = waitOnAnotherThread(500);
        awaitWaiters(1);

        clock.set(500);

        assertFalse(timedOut.get(10, TimeUnit.SECONDS));
        assertEquals(0, gate.waiters());
    }

    private CompletableFuture<Boolean> waitOnAnotherThread(long deadline) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return gate.awaitRoom(1, () -> 5, () -> true, deadline);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void awaitWaiters(int count) {
        LifecycleBuffers.await().until(() -> gate.waiters() == count);
    }
}
