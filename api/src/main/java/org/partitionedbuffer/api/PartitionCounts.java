package org.partitionedbuffer.api;

/**
 * What one partition has counted since its buffer was created; each count is exact, read one after another.
 *
 * @param inserted      items accepted
 * @param processed     items delivered by an {@code onBatch} that returned normally
 * @param exceptions    {@code onBatch} calls that threw or ran past {@code processingTimeoutMs}
 * @param retries       redeliveries
 * @param failedBatches batches given up after every retry
 * @param deadLettered  items given up and moved to the dead-letter buffer
 * @param dropped       items given up and dropped
 * @param markedFailed  items an {@code onBatch} that returned marked failed ({@code Batch.failItem}), each attempt
 */
public record PartitionCounts(long inserted, long processed, long exceptions, long retries, long failedBatches,
                              long deadLettered, long dropped, long markedFailed) {
}
