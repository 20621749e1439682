package org.partitionedbuffer.metrics;

import java.util.Arrays;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.partitionedbuffer.api.BufferView;
import org.partitionedbuffer.api.PartitionCounts;

/** The metrics of one buffer: its partitions' meters, and the buffer-wide rejection counter. */
final class BufferMeters {

    private final MetricRegistry registry;
    private final String buffer;
    final Counter rejected;
    // Grown under `this` (an adapter restarted the buffer with more partitions); read without a lock.
    private volatile PartitionMeters[] partitions;

    BufferMeters(MetricRegistry registry, String buffer, int partitionCount) {
        this.registry = registry;
        this.buffer = buffer;
        this.rejected = registry.counter(BufferMetric.REJECTED.metadata(), new Tag(BufferMetric.BUFFER_TAG, buffer));
        PartitionMeters[] meters = new PartitionMeters[partitionCount];
        for (int partition = 0; partition < partitionCount; partition++) {
            meters[partition] = new PartitionMeters(registry, buffer, partition);
        }
        this.partitions = meters;
    }

    /** Starts the counters from what the buffer counted before this application observed it. */
    void startFrom(BufferView view) {
        rejected.inc(view.rejected());
        for (int partition = 0; partition < view.partitions(); partition++) {
            PartitionCounts counts = view.counts(partition);
            PartitionMeters meters = partition(partition);
            meters.inserted.inc(counts.inserted());
            meters.processed.inc(counts.processed());
            meters.exceptions.inc(counts.exceptions());
            meters.retries.inc(counts.retries());
            meters.failures.inc(counts.failedBatches());
            meters.deadLettered.inc(counts.deadLettered());
            meters.dropped.inc(counts.dropped());
            meters.itemsMarkedFailed.inc(counts.markedFailed());
        }
    }

    PartitionMeters partition(int partition) {
        PartitionMeters[] meters = partitions;
        return partition < meters.length ? meters[partition] : grow(partition);
    }

    private synchronized PartitionMeters grow(int partition) {
        PartitionMeters[] meters = partitions;
        if (partition >= meters.length) {
            int from = meters.length;
            meters = Arrays.copyOf(meters, partition + 1);
            for (int index = from; index <= partition; index++) {
                meters[index] = new PartitionMeters(registry, buffer, index);
            }
            partitions = meters;
        }
        return meters[partition];
    }
}
