package org.partitionedbuffer.benchmarks;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.partitionedbuffer.api.BufferType;
import org.partitionedbuffer.core.BufferRegistry;
import org.partitionedbuffer.core.MapBuffer;

/** The engine's map buffer, created through a {@link BufferRegistry} as the resource adapter creates it. */
final class EngineMap implements MapContestant {

    private final ScheduledExecutorService threads = Contest.drainThreads();
    private final BufferRegistry registry = Contest.registry(threads);
    private final MapBuffer buffer;

    EngineMap(int partitions, DeliveredCount delivered) {
        buffer = (MapBuffer) Contest.engineBuffer(registry, "bench-map", BufferType.MAP, partitions, delivered);
    }

    @Override
    public void put(Object key, Object value) {
        buffer.put(key, value);
    }

    @Override
    public void close() throws Exception {
        registry.stopAll().get(60, TimeUnit.SECONDS);
        Contest.shutDown(threads);
    }
}
