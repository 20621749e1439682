package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.api.BufferEntry;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.api.BufferFullException;
import org.partitionedbuffer.api.BufferType;

/** Inserts made inside a transaction take effect when it commits, and not at all when it rolls back. */
class TransactionalInsertTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final FakeTransactions transactions = new FakeTransactions();
    private final RecordingListener listener = new RecordingListener();

    private QueueBuffer queue(BufferOptions.Builder options) {
        return (QueueBuffer) started(options.type(BufferType.QUEUE));
    }

    private MapBuffer map(BufferOptions.Builder options) {
        return (MapBuffer) started(options.type(BufferType.MAP));
    }

    private PartitionedBuffer started(BufferOptions.Builder options) {
        PartitionedBuffer buffer = PartitionedBuffer.create(options.processingIntervalMs(100)
                .processingBatchSize(100).build(), scheduler, name -> Optional.empty(), transactions);
        buffer.attach(listener);
        buffer.start();
        return buffer;
    }

    private static BufferOptions.Builder options() {
        return BufferOptions.builder("orders").partitions(1);
    }

    private void tick() {
        scheduler.advance(100);
    }

    @Test
    void pushesWaitForTheCommitAndAreDeliveredAfterIt() {
        QueueBuffer buffer = queue(options());
        FakeTransactions.Transaction transaction = transactions.begin();
        buffer.push("a");
        buffer.pushAll(List.of("b", "c"));

        tick();
        assertEquals(0, buffer.size(), "staged writes are not pending");
        assertEquals(List.of(), listener.items(), "nothing is delivered before the commit");
        assertEquals(0, buffer.statistics().inserted());

        transaction.commit();
        assertEquals(3, buffer.size());
        tick();
        assertEquals(List.of("a", "b", "c"), listener.items());
    }

    @Test
    void aRolledBackTransactionsInsertsNeverTakeEffect() {
        MapBuffer buffer = map(options());
        FakeTransactions.Transaction transaction = transactions.begin();
        buffer.put("k", "v");
        buffer.putAll(Map.of("l", "w"));
        assertTrue(buffer.putNewer("m", "x", 3));

        transaction.rollback();
        tick();

        assertEquals(0, buffer.size());
        assertEquals(List.of(), listener.items());
        assertEquals(0, buffer.statistics().inserted());
    }

    @Test
    void insideTheTransactionGetSeesItsOwnWritesAndDeletesOtherThreadsDoNot() throws Exception {
        MapBuffer buffer = map(options());
        buffer.put("kept", "before");
        FakeTransactions.Transaction transaction = transactions.begin();

        buffer.put("k", "v");
        assertTrue(buffer.delete("kept"), "it was pending");
        assertFalse(buffer.delete("kept"), "the transaction already deleted it");

        assertEquals(Optional.of("v"), buffer.get("k"));
        assertEquals(Optional.empty(), buffer.get("kept"));
        assertEquals(Optional.empty(), CompletableFuture.supplyAsync(() -> buffer.get("k")).get());
        assertEquals(Optional.of("before"), CompletableFuture.supplyAsync(() -> buffer.get("kept")).get());
        assertEquals(1, buffer.size(), "size counts committed writes only");

        transaction.commit();

        assertEquals(Optional.of("v"), buffer.get("k"));
        assertEquals(Optional.empty(), buffer.get("kept"));
        assertEquals(1, buffer.size());
    }

    @Test
    void atCommitTheTransactionsWritesFollowWhatOtherThreadsInsertedMeanwhileTogetherAndInOrder() throws Exception {
        QueueBuffer buffer = queue(options());
        FakeTransactions.Transaction transaction = transactions.begin();
        buffer.push("t1");
        CompletableFuture.runAsync(() -> buffer.push("other1")).get();
        buffer.push("t2");
        CompletableFuture.runAsync(() -> buffer.push("other2")).get();

        transaction.commit();
        tick();

        assertEquals(List.of("other1", "other2", "t1", "t2"), listener.items());
    }

    @Test
    void aVersionedWriteIsCheckedAgainAtCommit() throws Exception {
        MapBuffer buffer = map(options());
        FakeTransactions.Transaction transaction = transactions.begin();
        assertTrue(buffer.putNewer("k", "from the transaction", 5));
        assertFalse(buffer.putNewer("k", "older, inside", 4), "judged against the transaction's own write");
        assertTrue(CompletableFuture.supplyAsync(() -> buffer.putNewer("k", "newer, committed meanwhile", 7)).get());

        transaction.commit();

        assertEquals(Optional.of(new BufferEntry("k", "newer, committed meanwhile", 7, 0)),
                buffer.entry("k", null));
    }

    @Test
    void aCallIsRefusedAtOnceWhenTheTransactionsWritesWouldNotFit() {
        QueueBuffer buffer = queue(options().capacity(5).overflow(Overflow.BLOCK));
        buffer.pushAll(List.of("p1", "p2", "p3"));
        FakeTransactions.Transaction transaction = transactions.begin();
        buffer.pushAll(List.of("t1", "t2"));

        BufferFullException refused = assertThrows(BufferFullException.class, () -> buffer.push("t3"));

        assertTrue(refused.getMessage().contains("inside a transaction an insert does not wait for room"),
                refused.getMessage());
        assertEquals(1, buffer.statistics().rejected());
        transaction.commit();
        assertEquals(5, buffer.size(), "the two staged before the refusal committed");
        assertEquals(5, buffer.gate().pending());
    }

    @Test
    void aCommitThatFindsNoRoomRollsTheTransactionBackWithTheReason() throws Exception {
        QueueBuffer buffer = queue(options().capacity(5));
        FakeTransactions.Transaction transaction = transactions.begin();
        buffer.pushAll(List.of("t1", "t2", "t3"));
        CompletableFuture.runAsync(() -> buffer.pushAll(List.of("o1", "o2", "o3"))).get();

        BufferFullException refused = assertThrows(BufferFullException.class, transaction::commit);

        assertTrue(refused.getMessage().contains("the transaction is rolled back"), refused.getMessage());
        assertEquals(3, buffer.size(), "only the other thread's items");
        assertEquals(3, buffer.gate().pending(), "the gate holds no reservation of the rolled-back transaction");
        tick();
        assertEquals(List.of("o1", "o2", "o3"), listener.items());
    }

    @Test
    void roomReservedBeforeCompletionIsReleasedWhenTheTransactionRollsBackAfterIt() {
        QueueBuffer buffer = queue(options().capacity(5));
        FakeTransactions.Transaction transaction = transactions.begin();
        buffer.pushAll(List.of("t1", "t2"));
        transaction.register(new TransactionCompletion() { // another resource fails after our reservation
            @Override
            public void beforeCompletion() {
                throw new IllegalStateException("the database refused");
            }

            @Override
            public void afterCompletion(boolean committed) {
            }
        });

        assertThrows(IllegalStateException.class, transaction::commit);

        assertEquals(0, buffer.size());
        assertEquals(0, buffer.gate().pending());
    }

    @Test
    void aMapCommitSettlesTheGateWithWhatItReallyAdded() {
        MapBuffer buffer = map(options().capacity(10));
        buffer.put("a", 1);
        FakeTransactions.Transaction transaction = transactions.begin();
        buffer.put("a", 2);
        buffer.put("b", 2);
        buffer.delete("b");
        buffer.put("c", 3);

        transaction.commit();

        assertEquals(2, buffer.size());
        assertEquals(2, buffer.gate().pending());
    }

    @Test
    void aCallInATransactionMarkedForRollbackFails() {
        QueueBuffer buffer = queue(options());
        FakeTransactions.Transaction transaction = transactions.begin();
        transaction.setRollbackOnly();

        BufferException failure = assertThrows(BufferException.class, () -> buffer.push("x"));

        assertTrue(failure.getMessage().contains("marked for rollback"), failure.getMessage());
        transaction.rollback();
        assertEquals(0, buffer.size());
    }

    @Test
    void withTransactionalFalseInsertsTakeEffectAtOnce() {
        QueueBuffer buffer = queue(options().transactional(false));
        FakeTransactions.Transaction transaction = transactions.begin();
        buffer.push("x");

        assertEquals(1, buffer.size());
        transaction.rollback();
        tick();
        assertEquals(List.of("x"), listener.items());
    }

    @Test
    void aTransactionCommittingAfterTheBufferBeganStoppingCountsItsItemsAsRefused() {
        QueueBuffer buffer = queue(options());
        FakeTransactions.Transaction transaction = transactions.begin();
        buffer.push("late");
        CompletableFuture<Void> stopped = buffer.stop();

        BufferException refused = assertThrows(BufferException.class, transaction::commit);

        assertTrue(refused.getMessage().contains("stopping"), refused.getMessage());
        scheduler.runReady();
        assertTrue(stopped.isDone());
        assertEquals(List.of(), listener.items());
    }
}
