package org.partitionedbuffer.micrometer;

/**
 * The contract's meters: name and description of each, the names of the {@code partitioned-buffer-metrics} jar
 * (Micrometer's Prometheus naming turns {@code partitioned_buffer.inserted} into
 * {@code partitioned_buffer_inserted_total}, the timer into {@code ..._seconds}, as MicroProfile Metrics does).
 * Identity (application, buffer, partition) goes in tags.
 */
enum BufferMetric {

    SIZE("partitioned_buffer.size", "Items pending in the partition (in-flight batches not counted)"),
    INSERTED("partitioned_buffer.inserted", "Items accepted into the partition"),
    PROCESSED("partitioned_buffer.processed", "Items delivered by an onBatch call that returned normally"),
    PROCESSING_DURATION("partitioned_buffer.processing.duration", "Time spent in onBatch, whatever its outcome"),
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
    /**
     * The application whose jar registered the meter ({@code java:app/AppName}). A server-wide registry (WildFly's)
     * holds every application's meters: without it two applications would write into one timer, and the first to
     * stop would remove the other's meters.
     */
    static final String APPLICATION_TAG = "application";

    private final String metricName;
    private final String description;

    BufferMetric(String metricName, String description) {
        this.metricName = metricName;
        this.description = description;
    }

    String metricName() {
        return metricName;
    }

    String description() {
        return description;
    }
}
