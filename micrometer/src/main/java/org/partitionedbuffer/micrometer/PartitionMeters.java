package org.partitionedbuffer.micrometer;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.partitionedbuffer.api.PartitionCounts;

/**
 * The meters of one partition, registered once. The gauge and the counters read the adapter at each scrape (the
 * counters are the buffer's own counts, the lifecycle ones the application's tally); only the timer and the summary
 * are recorded on events, a field read and a record (no registry look-up on a producer's or a delivery's thread).
 * They publish count, total and max, no client-side percentiles: Micrometer computes those with HdrHistogram, which
 * WildFly's Micrometer module does not have (a timer asking for them fails with NoClassDefFoundError there).
 */
final class PartitionMeters {

    final Timer processingDuration;
    final DistributionSummary batchSize;
    // Micrometer holds the objects a function meter reads weakly: these fields keep them for as long as the meters.
    private final PartitionReading reading;
    private final PartitionLifecycle lifecycle;
    private final List<Meter> meters = new ArrayList<>();

    PartitionMeters(MeterRegistry registry, Tags bufferTags, String buffer, int partition,
                    PartitionLifecycle lifecycle) {
        Tags tags = bufferTags.and(BufferMetric.PARTITION_TAG, Integer.toString(partition));
        this.reading = new PartitionReading(buffer, partition);
        this.lifecycle = lifecycle;
        meters.add(Gauge.builder(BufferMetric.SIZE.metricName(), reading, PartitionReading::pendingItems)
                .description(BufferMetric.SIZE.description()).tags(tags).register(registry));
        counted(registry, tags, BufferMetric.INSERTED, PartitionCounts::inserted);
        counted(registry, tags, BufferMetric.PROCESSED, PartitionCounts::processed);
        counted(registry, tags, BufferMetric.PROCESSING_EXCEPTIONS, PartitionCounts::exceptions);
        counted(registry, tags, BufferMetric.PROCESSING_FAILURES, PartitionCounts::failedBatches);
        counted(registry, tags, BufferMetric.RETRIES, PartitionCounts::retries);
        counted(registry, tags, BufferMetric.ITEMS_MARKED_FAILED, PartitionCounts::markedFailed);
        counted(registry, tags, BufferMetric.DEAD_LETTERED, PartitionCounts::deadLettered);
        counted(registry, tags, BufferMetric.DROPPED, PartitionCounts::dropped);
        counter(registry, tags, BufferMetric.PARTITION_STARTS, lifecycle, tally -> tally.starts(partition));
        counter(registry, tags, BufferMetric.PARTITION_STOPS, lifecycle, tally -> tally.stops(partition));
        processingDuration = Timer.builder(BufferMetric.PROCESSING_DURATION.metricName())
                .description(BufferMetric.PROCESSING_DURATION.description()).tags(tags).register(registry);
        meters.add(processingDuration);
        batchSize = DistributionSummary.builder(BufferMetric.BATCH_SIZE.metricName())
                .description(BufferMetric.BATCH_SIZE.description()).tags(tags).register(registry);
        meters.add(batchSize);
    }

    private void counted(MeterRegistry registry, Tags tags, BufferMetric metric, ToLongFunction<PartitionCounts> count) {
        counter(registry, tags, metric, reading, source -> source.count(count));
    }

    private <T> void counter(MeterRegistry registry, Tags tags, BufferMetric metric, T source, ToDoubleFunction<T> value) {
        meters.add(FunctionCounter.builder(metric.metricName(), source, value)
                .description(metric.description()).tags(tags).register(registry));
    }

    /** Removes this partition's meters from the registry (they hold the application's classes). */
    void remove(MeterRegistry registry) {
        meters.forEach(registry::remove);
    }
}
