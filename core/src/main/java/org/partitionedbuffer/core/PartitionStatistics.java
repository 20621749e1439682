package org.partitionedbuffer.core;

/**
 * The counters of one partition at one moment; each is exact, but they are read one after another, not atomically.
 *
 * @param size          pending items (inserted, not yet drained)
 * @param inserted      items accepted
 * @param processed     items delivered by a successful {@code onBatch}
 * @param exceptions    {@code onBatch} calls that threw or timed out
 * @param retries       redeliveries scheduled
 * @param failedBatches batches given up after every retry
 * @param failedItems   items given up: in those batches, or on their own (dead-lettered or dropped)
 * @param deadLettered  of the failed items, those moved to the dead-letter buffer (the others were dropped)
 * @param markedFailed  items an {@code onBatch} that returned marked failed ({@code Batch.failItem}), each attempt
 */
public record PartitionStatistics(int partition, long size, long inserted, long processed, long exceptions,
                                  long retries, long failedBatches, long failedItems, long deadLettered,
                                  long markedFailed) {
}
