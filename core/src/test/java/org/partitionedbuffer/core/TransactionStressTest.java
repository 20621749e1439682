package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.partitionedbuffer.api.BufferFullException;
import org.partitionedbuffer.api.BufferType;

/**
 * Transactions committing and rolling back on real threads while another thread pushes outside any transaction and
 * every partition drains every millisecond: every committed item and every plain push is delivered exactly once, no
 * item of a rolled-back transaction ever is. With a capacity, transactions refused for want of room (at a call or at
 * their commit) count as rolled back, and the gate ends empty.
 */
class TransactionStressTest {

    private static final int TRANSACTIONAL_PRODUCERS = 2;
    private static final int ITEMS_PER_PRODUCER = 200_000;
    private static final int PRODUCERS = TRANSACTIONAL_PRODUCERS + 1; // the last pushes outside transactions

    private ScheduledThreadPoolExecutor workers;
    private ExecutorService producers;

    @BeforeEach
    void startThreads() {
        workers = new ScheduledThreadPoolExecutor(2);
        producers = Executors.newFixedThreadPool(PRODUCERS);
    }

    @AfterEach
    void stopThreads() {
        producers.shutdownNow();
        workers.shutdownNow();
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(longs = {0, 2_000})
    void everyCommittedItemIsDeliveredOnceAndNoRolledBackOneEver(long capacity) throws Exception {
        FakeTransactions transactions = new FakeTransactions();
        QueueBuffer buffer = (QueueBuffer) PartitionedBuffer.create(BufferOptions.builder("tx-stress")
                .type(BufferType.QUEUE).partitions(4).processingIntervalMs(1).processingBatchSize(100)
                .capacity(capacity).overflow(Overflow.BLOCK).build(), new ExecutorBufferScheduler(workers),
                name -> Optional.empty(), transactions);
        int total = PRODUCERS * ITEMS_PER_PRODUCER;
        AtomicIntegerArray deliveries = new AtomicIntegerArray(total);
        AtomicIntegerArray committed = new AtomicIntegerArray(total); // 1: must be delivered once; 0: never
        buffer.attach(batch -> batch.items().forEach(item -> deliveries.incrementAndGet((Integer) item)));
        buffer.start();
        AtomicLong rolledBack = new AtomicLong();

        List<Future<?>> running = new ArrayList<>();
        for (int p = 0; p < TRANSACTIONAL_PRODUCERS; p++) {
            int first = p * ITEMS_PER_PRODUCER;
            running.add(producers.submit(() -> transact(buffer, transactions, first, committed, rolledBack)));
        }
        int firstPlain = TRANSACTIONAL_PRODUCERS * ITEMS_PER_PRODUCER;
        running.add(producers.submit(() -> {
            for (int id = firstPlain; id < total; id++) {
                buffer.push(id);
                committed.set(id, 1);
            }
        }));
        for (Future<?> producer : running) {
            producer.get(2, TimeUnit.MINUTES);
        }
        buffer.stop().get(1, TimeUnit.MINUTES);

        int missing = 0;
        int duplicated = 0;
        int phantom = 0;
        for (int id = 0; id < total; id++) {
            int times = deliveries.get(id);
            if (committed.get(id) == 1) {
                missing += times == 0 ? 1 : 0;
                duplicated += times > 1 ? 1 : 0;
            } else {
                phantom += times;
            }
        }
        assertEquals(0, missing, "committed items never delivered");
        assertEquals(0, duplicated, "committed items delivered more than once");
        assertEquals(0, phantom, "deliveries of rolled-back items");
        assertTrue(rolledBack.get() > 0, "the run rolled some transactions back");
        assertEquals(0, buffer.gate().pending(), "room still held in the gate");
    }

    /** Transactions of 1 to 20 pushes, two in three committed, until the producer's ids are used up. */
    private static void transact(QueueBuffer buffer, FakeTransactions transactions, int first,
                                 AtomicIntegerArray committed, AtomicLong rolledBack) {
        SplittableRandom random = new SplittableRandom(first);
        int next = first;
        int end = first + ITEMS_PER_PRODUCER;
        while (next < end) {
            int size = Math.min(1 + random.nextInt(20), end - next);
            FakeTransactions.Transaction transaction = transactions.begin();
            boolean commit = random.nextInt(3) > 0;
            try {
                for (int id = next; id < next + size; id++) {
                    buffer.push(id);
                }
                if (commit) {
                    transaction.commit();
                    for (int id = next; id < next + size; id++) {
                        committed.set(id, 1);
                    }
                } else {
                    transaction.rollback();
                    rolledBack.incrementAndGet();
                }
            } catch (BufferFullException refused) {
                if (transactions.current() != null) {
                    transaction.rollback(); // refused at a call: the application rolls back
                }
                rolledBack.incrementAndGet(); // refused at a call or at the commit
            }
            next += size;
        }
    }
}
