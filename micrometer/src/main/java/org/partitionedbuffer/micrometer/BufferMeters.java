package org.partitionedbuffer.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.partitionedbuffer.api.BufferMonitoring;
import org.partitionedbuffer.api.BufferView;

/** The meters of one buffer in one application: its partitions' meters, and the buffer-wide rejection counter. */
final class BufferMeters {

    private final MeterRegistry registry;
    private final Tags tags;
    private final String buffer; // also keeps the object the rejection counter reads (held weakly by Micrometer)
    private final PartitionLifecycle lifecycle;
    private final FunctionCounter rejected;
    // Added to under `this` (an adapter restarted the buffer with more partitions); read without a lock.
    private final ConcurrentMap<Integer, PartitionMeters> partitions = new ConcurrentHashMap<>();
    private boolean removed; // guarded by this

    BufferMeters(MeterRegistry registry, Tags applicationTags, String buffer, int partitionCount,
                 PartitionLifecycle lifecycle) {
        this.registry = registry;
        this.tags = applicationTags.and(BufferMetric.BUFFER_TAG, buffer);
        this.buffer = buffer;
        this.lifecycle = lifecycle;
        this.rejected = FunctionCounter.builder(BufferMetric.REJECTED.metricName(), buffer, BufferMeters::rejected)
                .description(BufferMetric.REJECTED.description()).tags(tags).register(registry);
        for (int partition = 0; partition < partitionCount; partition++) {
            partition(partition);
        }
    }

    private static double rejected(String buffer) {
        return BufferMonitoring.buffer(buffer).map(BufferView::rejected).orElse(0L);
    }

    PartitionMeters partition(int partition) {
        PartitionMeters meters = partitions.get(partition);
        return meters != null ? meters : register(partition);
    }

    private synchronized PartitionMeters register(int partition) {
        return partitions.computeIfAbsent(partition, index -> {
            PartitionMeters meters = new PartitionMeters(registry, tags, buffer, index, lifecycle);
            if (removed) { // an event in flight when the application stopped: leave nothing registered
                meters.remove(registry);
            }
            return meters;
        });
    }

    /** Removes every meter of the buffer from the registry; a partition added later registers nothing that stays. */
    synchronized void remove() {
        removed = true;
        registry.remove(rejected);
        partitions.values().forEach(meters -> meters.remove(registry));
    }
}
