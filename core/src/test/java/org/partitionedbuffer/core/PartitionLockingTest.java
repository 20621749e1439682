package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.partitionedbuffer.core.LifecycleBuffers.ids;
import static org.partitionedbuffer.core.LifecycleBuffers.insertAll;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.partitionedbuffer.api.BufferType;

/**
 * A batch call holds the monitors of every partition it writes at once, nested (see {@link NestedMonitors}). These
 * batches spread over 5,000 partitions, on a thread whose stack is 512 KB: one monitor per stack frame overflowed
 * such a stack from about 3,000 partitions; eight per frame still fit at 8,000.
 */
class PartitionLockingTest {

    private static final int PARTITIONS = 5_000;
    private static final long SMALL_STACK = 512 * 1024;

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aBatchOverFiveThousandPartitionsFitsASmallStack(BufferType type) throws Exception {
        PartitionedBuffer buffer = LifecycleBuffers.create(LifecycleBuffers.options("wide", type)
                .partitions(PARTITIONS).build(), new ManualScheduler());
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread producer = new Thread(null, () -> {
            try {
                insertAll(buffer, ids(0, 4 * PARTITIONS));
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "small-stack producer", SMALL_STACK);
        producer.start();
        done.get(30, TimeUnit.SECONDS);

        assertEquals(4 * PARTITIONS, buffer.size());
        for (int p = 0; p < PARTITIONS; p += PARTITIONS / 10) {
            assertTrue(buffer.partitionSize(p) > 0, "partition " + p + " received its share");
        }
    }
}
