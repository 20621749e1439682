package org.partitionedbuffer.ra.admin;

import java.util.Map;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.core.BufferOption;
import org.partitionedbuffer.core.BufferOptions;
import org.partitionedbuffer.core.BufferStatistics;
import org.partitionedbuffer.core.PartitionedBuffer;

/**
 * {@link BufferMBean} over an engine buffer. Writes go through {@code updateOptions}, so JMX changes are validated and
 * atomic like every other change; a refused value reaches the JMX client as an {@link IllegalArgumentException}
 * carrying the engine's message.
 */
final class BufferAdmin implements BufferMBean {

    private final PartitionedBuffer buffer;

    BufferAdmin(PartitionedBuffer buffer) {
        this.buffer = buffer;
    }

    private BufferOptions options() {
        return buffer.options();
    }

    private void update(BufferOption option, Object value) {
        try {
            buffer.updateOptions(Map.of(option.key(), String.valueOf(value)));
        } catch (BufferException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public String getBufferType() {
        return buffer.type().optionValue();
    }

    @Override
    public int getPartitions() {
        return buffer.partitions();
    }

    @Override
    public long getSize() {
        return buffer.size();
    }

    @Override
    public long[] getPartitionSizes() {
        return buffer.partitionSizes();
    }

    @Override
    public long getInserted() {
        return buffer.statistics().inserted();
    }

    @Override
    public long getProcessed() {
        return buffer.statistics().processed();
    }

    @Override
    public long getFailures() {
        return buffer.statistics().failedBatches();
    }

    @Override
    public long getDeadLettered() {
        return buffer.statistics().deadLettered();
    }

    @Override
    public long getDropped() {
        BufferStatistics statistics = buffer.statistics();
        return statistics.failedItems() - statistics.deadLettered();
    }

    @Override
    public long getItemsMarkedFailed() {
        return buffer.statistics().markedFailed();
    }

    @Override
    public long getRejected() {
        return buffer.statistics().rejected();
    }

    @Override
    public void flush() {
        buffer.flush();
    }

    @Override
    public boolean flushAndWait(long timeoutMs) {
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("flushAndWait: timeoutMs must be >= 0, got " + timeoutMs);
        }
        try {
            return buffer.flushAndWait(timeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public long getProcessingIntervalMs() {
        return options().processingIntervalMs();
    }

    @Override
    public void setProcessingIntervalMs(long value) {
        update(BufferOption.PROCESSING_INTERVAL_MS, value);
    }

    @Override
    public long getProcessingTimeoutMs() {
        return options().processingTimeoutMs();
    }

    @Override
    public void setProcessingTimeoutMs(long value) {
        update(BufferOption.PROCESSING_TIMEOUT_MS, value);
    }

    @Override
    public String getProcessingBatchSize() {
        return options().tableMode() ? "table" : Integer.toString(options().processingBatchSize());
    }

    @Override
    public void setProcessingBatchSize(String value) {
        update(BufferOption.PROCESSING_BATCH_SIZE, value);
    }

    @Override
    public int getFlushThreshold() {
        return options().flushThreshold();
    }

    @Override
    public void setFlushThreshold(int value) {
        update(BufferOption.FLUSH_THRESHOLD, value);
    }

    @Override
    public long getCapacity() {
        return options().capacity();
    }

    @Override
    public void setCapacity(long value) {
        update(BufferOption.CAPACITY, value);
    }

    @Override
    public String getOverflow() {
        return options().overflow().optionValue();
    }

    @Override
    public void setOverflow(String value) {
        update(BufferOption.OVERFLOW, value);
    }

    @Override
    public int getMaxRetries() {
        return options().maxRetries();
    }

    @Override
    public void setMaxRetries(int value) {
        update(BufferOption.MAX_RETRIES, value);
    }

    @Override
    public long getRetryBackoffMs() {
        return options().retryBackoffMs();
    }

    @Override
    public void setRetryBackoffMs(long value) {
        update(BufferOption.RETRY_BACKOFF_MS, value);
    }

    @Override
    public String getDeadLetterBuffer() {
        String target = options().deadLetterBuffer();
        return target == null ? "" : target;
    }

    @Override
    public void setDeadLetterBuffer(String value) {
        update(BufferOption.DEAD_LETTER_BUFFER, value == null ? "" : value);
    }

    @Override
    public String getNonRetryable() {
        return options().asMap().get(BufferOption.NON_RETRYABLE.key());
    }

    @Override
    public void setNonRetryable(String value) {
        update(BufferOption.NON_RETRYABLE, value == null ? "" : value);
    }

    @Override
    public boolean getTransactional() {
        return options().transactional();
    }

    @Override
    public void setTransactional(boolean value) {
        update(BufferOption.TRANSACTIONAL, Boolean.toString(value));
    }
}
