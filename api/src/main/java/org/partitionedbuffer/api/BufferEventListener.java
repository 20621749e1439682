package org.partitionedbuffer.api;

/**
 * What happens inside a buffer, as events: the six telemetry events of the Elixir {@code partitioned_buffer}
 * (partition start/stop, processing start/stop/exception, processing failed) plus inserts, retries and rejections.
 * Metrics, JMX and tracing code observe a buffer through this interface.
 *
 * <p>Every method has an empty default, so an observer overrides only what it needs. Methods are called on the thread
 * that caused the event (a producer for {@link #inserted}, a delivery thread for processing events) and must be quick
 * and must not block; an exception thrown by an observer is logged and otherwise ignored. Durations are in
 * nanoseconds, system times in milliseconds since the epoch.
 */
public interface BufferEventListener {

    /** A partition started accepting inserts (telemetry: partition start, measurement {@code system_time}). */
    default void partitionStarted(String buffer, int partition, long systemTimeMillis) {
    }

    /**
     * A partition stopped (telemetry: partition stop, measurement {@code duration}: how long it ran).
     *
     * @param reason why: {@code "shutdown"} after a graceful stop
     */
    default void partitionStopped(String buffer, int partition, long durationNanos, String reason) {
    }

    /** The listener is about to receive a batch (telemetry: processing start). */
    default void processingStarted(String buffer, int partition, int size, int attempt, long systemTimeMillis) {
    }

    /** The listener returned normally for a batch (telemetry: processing stop, measurements duration and size). */
    default void processingStopped(String buffer, int partition, int size, int attempt, long durationNanos) {
    }

    /**
     * The listener threw, or ran past {@code processingTimeoutMs} (telemetry: processing exception).
     *
     * @param error what it threw, unwrapped from container wrappers where possible, or a
     *              {@link java.util.concurrent.TimeoutException} for a timeout
     */
    default void processingException(String buffer, int partition, int size, int attempt, long durationNanos,
                                     Throwable error) {
    }

    /**
     * A batch failed every attempt and was given up (telemetry: processing failed).
     *
     * @param reason       the last error
     * @param deadLettered true when its items went to the {@code deadLetterBuffer}, false when they were dropped
     */
    default void processingFailed(String buffer, int partition, int size, long systemTimeMillis, Throwable reason,
                                  boolean deadLettered) {
    }

    /** A batch will be delivered again after {@code backoffMillis}, as attempt {@code nextAttempt}. */
    /**
     * An {@code onBatch} call that returned normally marked {@code count} of its items failed
     * ({@link Batch#failItem}): they are redelivered or given up; the rest of the batch was processed.
     *
     * @param firstCause the cause of the first marked item
     */
    default void itemsFailed(String buffer, int partition, int count, int attempt, Throwable firstCause) {
    }

    default void retryScheduled(String buffer, int partition, int size, int nextAttempt, long backoffMillis) {
    }

    /**
     * A message-driven bean became the buffer's listener (see {@link BufferView#listenerClassLoader()} for whose);
     * pending items are delivered to it from now on.
     */
    default void listenerAttached(String buffer) {
    }

    /** The buffer's listener left (its application is undeployed); the buffer keeps its data for the next one. */
    default void listenerDetached(String buffer) {
    }

    /** {@code count} items were accepted into a partition. */
    default void inserted(String buffer, int partition, int count) {
    }

    /** {@code count} items were refused because the buffer was at {@code capacity}. */
    default void rejected(String buffer, int count) {
    }
}
