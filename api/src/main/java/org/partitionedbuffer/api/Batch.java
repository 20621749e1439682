package org.partitionedbuffer.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one partition hands to the buffer's listener in one {@link BatchListener#onBatch(Batch)} call: at most
 * {@code processingBatchSize} items, or everything the partition drained when the batch size is {@code table}.
 *
 * <p>The lists are unmodifiable and stay valid after {@code onBatch} returns, so a listener may keep them.
 */
public interface Batch {

    /** The name of the buffer the items come from. */
    String buffer();

    /** The index of the partition the items come from, from 0 to {@code partitions - 1}. */
    int partition();

    /** Whether this is a queue batch (items) or a map batch (entries). */
    BufferType type();

    /** How many items or entries the batch holds; never 0. */
    int size();

    /** 1 on the first delivery of this batch, then 2, 3 ... on each redelivery after a failure or a timeout. */
    int attempt();

    /**
     * The items. For a queue: the pushed items, each thread's pushes in the order that thread made them. For a map:
     * the {@link BufferEntry} objects, in no particular order.
     */
    List<Object> items();

    /**
     * The entries of a map batch.
     *
     * @throws IllegalStateException on a queue batch, which has items and no entries
     */
    List<BufferEntry> entries();

    /**
     * Marks item {@code index} of {@link #items()} as failed, for {@code cause}, so that one bad item does not condemn
     * the batch. When {@code onBatch} then returns normally, the other items count as processed, and the marked ones,
     * in their order, are redelivered together after the backoff, before later batches of the partition, with the
     * same retry, dead-letter and drop rules as a failed batch (an item whose cause is {@code nonRetryable} is given up
     * at once). When {@code onBatch} throws, the whole batch failed and the marks are ignored. Marking an item twice
     * keeps the first cause.
     *
     * @throws IndexOutOfBoundsException when the batch has no item at {@code index}
     * @throws NullPointerException      when {@code cause} is null
     */
    void failItem(int index, Throwable cause);

    /**
     * In a batch of a dead-letter buffer: why item {@code index} was given up by the buffer it came from. Empty for an
     * item pushed into the buffer directly, and in every other buffer.
     *
     * @throws IndexOutOfBoundsException when the batch has no item at {@code index}
     */
    default Optional<DeadLetter> deadLetterOf(int index) {
        Objects.checkIndex(index, size());
        return Optional.empty();
    }
}
