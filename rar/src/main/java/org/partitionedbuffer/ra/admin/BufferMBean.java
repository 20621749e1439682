package org.partitionedbuffer.ra.admin;

/**
 * The JMX view of one buffer, registered as {@code org.partitionedbuffer:type=Buffer,name=<buffer>}: what it holds and
 * did (read-only), every option that can change at runtime (read-write; a bad value is refused with a message naming
 * the option, the value and what is allowed), and {@link #flush()}. The read-write attributes are exactly the
 * runtime-changeable {@code BufferOption}s, typed as users think of them ({@code OptionPropertiesTest} checks it).
 */
public interface BufferMBean {

    String getBufferType();

    int getPartitions();

    /** Pending items: inserted and not yet drained. */
    long getSize();

    /** Pending items per partition. */
    long[] getPartitionSizes();

    /** Items accepted. */
    long getInserted();

    /** Items delivered by a successful {@code onBatch}. */
    long getProcessed();

    /** Batches given up after every retry. */
    long getFailures();

    /** Items given up and moved to the dead-letter buffer. */
    long getDeadLettered();

    /** Items given up and dropped. Processed + DeadLettered + Dropped = Inserted once nothing is pending. */
    long getDropped();

    /** Items an {@code onBatch} that returned marked failed ({@code Batch.failItem}), counted at each attempt. */
    long getItemsMarkedFailed();

    /** Items refused because the buffer was at {@code capacity}. */
    long getRejected();

    /** Processes every partition now, without waiting for its timer. */
    void flush();

    /**
     * Processes every partition now and waits until what the buffer held was delivered or given up, at most
     * {@code timeoutMs}: true when it was. What an operator calls before stopping a server that gives the adapter no
     * moment to deliver at its stop (Open Liberty 25).
     */
    boolean flushAndWait(long timeoutMs);

    long getProcessingIntervalMs();

    void setProcessingIntervalMs(long value);

    long getProcessingTimeoutMs();

    void setProcessingTimeoutMs(long value);

    /** An integer, or {@code table}. */
    String getProcessingBatchSize();

    void setProcessingBatchSize(String value);

    int getFlushThreshold();

    void setFlushThreshold(int value);

    long getCapacity();

    void setCapacity(long value);

    /** {@code reject} or {@code block}. */
    String getOverflow();

    void setOverflow(String value);

    int getMaxRetries();

    void setMaxRetries(int value);

    long getRetryBackoffMs();

    void setRetryBackoffMs(long value);

    /** A queue buffer's name, or empty for none. */
    String getDeadLetterBuffer();

    void setDeadLetterBuffer(String value);

    /** Exception class names, comma-separated, whose failures skip the remaining retries; empty for none. */
    String getNonRetryable();

    void setNonRetryable(String value);

    /** Whether inserts inside a JTA transaction take effect when it commits. */
    boolean getTransactional();

    void setTransactional(boolean value);
}
