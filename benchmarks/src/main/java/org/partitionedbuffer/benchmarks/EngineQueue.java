package org.partitionedbuffer.benchmarks;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.partitionedbuffer.api.BufferType;
import org.partitionedbuffer.core.BufferRegistry;
import org.partitionedbuffer.core.QueueBuffer;

/** The engine's queue buffer, created through a {@link BufferRegistry} as the resource adapter creates it. */
final class EngineQueue implements QueueContestant {

    private final ScheduledExecutorService threads = Contest.drainThreads();
    private final BufferRegistry registry = Contest.registry(threads);
    private final QueueBuffer buffer;

    EngineQueue(int partitions, DeliveredCount delivered) {
        buffer = (QueueBuffer) Contest.engineBuffer(registry, "bench-queue", BufferType.QUEUE, partitions, delivered);
    }

    @Override
    public void push(Object item) {
        buffer.push(item);
    }

    @Override
    public void pushAll(List<Object> items) {
        buffer.pushAll(items);
    }

    @Override
    public void close() throws Exception {
        registry.stopAll().get(60, TimeUnit.SECONDS);
        Contest.shutDown(threads);
    }
}
