package org.partitionedbuffer.metrics;

import static org.partitionedbuffer.metrics.BufferMetric.BUFFER_TAG;
import static org.partitionedbuffer.metrics.BufferMetric.PARTITION_TAG;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.partitionedbuffer.api.BufferMonitoring;
import org.partitionedbuffer.api.BufferView;

/**
 * The metrics of one partition, registered once and then only updated, so recording an event is a field read and an
 * increment (no registry look-up on a producer's or a delivery's thread).
 */
final class PartitionMeters {

    final Counter inserted;
    final Counter processed;
    final Timer processingDuration;
    final Histogram batchSize;
    final Counter exceptions;
    final Counter failures;
    final Counter retries;
    final Counter itemsMarkedFailed;
    final Counter deadLettered;
    final Counter dropped;
    final Counter starts;
    final Counter stops;

    PartitionMeters(MetricRegistry registry, String buffer, int partition) {
        Tag[] tags = {new Tag(BUFFER_TAG, buffer), new Tag(PARTITION_TAG, Integer.toString(partition))};
        // Read at each scrape from the adapter's current buffer of that name, which survives an adapter restart.
        registry.gauge(BufferMetric.SIZE.metadata(), () -> pendingItems(buffer, partition), tags);
        inserted = registry.counter(BufferMetric.INSERTED.metadata(), tags);
        processed = registry.counter(BufferMetric.PROCESSED.metadata(), tags);
        processingDuration = registry.timer(BufferMetric.PROCESSING_DURATION.metadata(), tags);
        batchSize = registry.histogram(BufferMetric.BATCH_SIZE.metadata(), tags);
        exceptions = registry.counter(BufferMetric.PROCESSING_EXCEPTIONS.metadata(), tags);
        failures = registry.counter(BufferMetric.PROCESSING_FAILURES.metadata(), tags);
        retries = registry.counter(BufferMetric.RETRIES.metadata(), tags);
        itemsMarkedFailed = registry.counter(BufferMetric.ITEMS_MARKED_FAILED.metadata(), tags);
        deadLettered = registry.counter(BufferMetric.DEAD_LETTERED.metadata(), tags);
        dropped = registry.counter(BufferMetric.DROPPED.metadata(), tags);
        starts = registry.counter(BufferMetric.PARTITION_STARTS.metadata(), tags);
        stops = registry.counter(BufferMetric.PARTITION_STOPS.metadata(), tags);
    }

    private static Long pendingItems(String buffer, int partition) {
        return BufferMonitoring.buffer(buffer)
                .filter(view -> partition < view.partitions())
                .map((BufferView view) -> view.size(partition))
                .orElse(0L);
    }
}
