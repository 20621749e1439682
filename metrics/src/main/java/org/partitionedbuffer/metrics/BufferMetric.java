package org.partitionedbuffer.metrics;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricUnits;

/** The contract's metrics: name, description and unit of each. Identity (buffer, partition) goes in tags. */
enum BufferMetric {

    SIZE("partitioned_buffer.size", "Items pending in the partition (in-flight batches not counted)"),
    INSERTED("partitioned_buffer.inserted", "Items accepted into the partition"),
    PROCESSED("partitioned_buffer.processed", "Items delivered by an onBatch call that returned normally"),
    PROCESSING_DURATION("partitioned_buffer.processing.duration", "Time spent in onBatch, whatever its outcome",
            MetricUnits.NANOSECONDS),
    BATCH_SIZE("partitioned_buffer.batch.size", "Items per successfully delivered batch"),
    PROCESSING_EXCEPTIONS("partitioned_buffer.processing.exceptions",
            "onBatch calls that threw or ran past processingTimeoutMs"),
    PROCESSING_FAILURES("partitioned_buffer.processing.failures",
            "Batches given up after every retry (dead-lettered or dropped)"),
    RETRIES("partitioned_buffer.retries", "Redeliveries of a batch whose onBatch failed"),
    ITEMS_MARKED_FAILED("partitioned_buffer.items.failed",
            "Items an onBatch that returned marked failed with Batch.failItem, at each attempt"),
    DEAD_LETTERED("partitioned_buffer.dead_lettered", "Items given up and moved to the dead-letter buffer"),
    DROPPED("partitioned_buffer.dropped", "Items given up and dropped (no dead-letter buffer, or it refused them)"),
    REJECTED("partitioned_buffer.rejected", "Items refused because the buffer was at its capacity"),
    PARTITION_STARTS("partitioned_buffer.partition.starts", "Partition starts"),
    PARTITION_STOPS("partitioned_buffer.partition.stops", "Partition stops (after delivering what they held)");

    /** Tag names of the contract. */
    static final String BUFFER_TAG = "buffer";
    static final String PARTITION_TAG = "partition";

    private final Metadata metadata;

    BufferMetric(String name, String description) {
        this(name, description, MetricUnits.NONE);
    }

    BufferMetric(String name, String description, String unit) {
        this.metadata = Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
    }

    Metadata metadata() {
        return metadata;
    }

    String metricName() {
        return metadata.getName();
    }
}
