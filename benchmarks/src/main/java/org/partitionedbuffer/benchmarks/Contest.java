package org.partitionedbuffer.benchmarks;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.partitionedbuffer.api.BufferType;
import org.partitionedbuffer.core.BufferOptions;
import org.partitionedbuffer.core.BufferRegistry;
import org.partitionedbuffer.core.ExecutorBufferScheduler;
import org.partitionedbuffer.core.PartitionedBuffer;

/** The settings every contestant shares, and how each one gets its threads. */
final class Contest {

    /** Every partition drains this often, engine and baselines alike. */
    static final long INTERVAL_MS = 10;
    /** Items per listener call, engine and baselines alike. */
    static final int BATCH_SIZE = 1000;
    /** Threads that tick and deliver: the engine's scheduler pool, or the baselines' drain pool. */
    static final int DRAIN_THREADS = 2;

    private Contest() {
    }

    /** An engine buffer created and started the way the resource adapter does, with {@code delivered} attached. */
    static PartitionedBuffer engineBuffer(BufferRegistry registry, String name, BufferType type, int partitions,
                                          DeliveredCount delivered) {
        PartitionedBuffer buffer = registry.create(BufferOptions.builder(name).type(type).partitions(partitions)
                .processingIntervalMs(INTERVAL_MS).processingBatchSize(BATCH_SIZE).build());
        buffer.attach(batch -> delivered.accept(batch.items()));
        return buffer;
    }

    static BufferRegistry registry(ScheduledExecutorService threads) {
        return new BufferRegistry(new ExecutorBufferScheduler(threads), "create it in the benchmark");
    }

    static ScheduledExecutorService drainThreads() {
        return Executors.newScheduledThreadPool(DRAIN_THREADS);
    }

    /** Runs {@code drain} for each partition every {@link #INTERVAL_MS} on {@code threads}. */
    static void drainEvery(ScheduledExecutorService threads, int partitions, IntConsumer drain) {
        for (int p = 0; p < partitions; p++) {
            int partition = p;
            threads.scheduleAtFixedRate(() -> drain.accept(partition), INTERVAL_MS, INTERVAL_MS,
                    TimeUnit.MILLISECONDS);
        }
    }

    static void shutDown(ScheduledExecutorService threads) throws InterruptedException {
        threads.shutdownNow();
        if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("drain threads did not stop");
        }
    }
}
