package org.partitionedbuffer.api;

/**
 * The message-listener interface of the resource adapter: a message-driven bean that implements it receives the
 * batches of one buffer, named by its {@code bufferName} activation property.
 *
 * <pre>{@code
 * @MessageDriven(activationConfig = {
 *     @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "events"),
 *     @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "500")})
 * public class EventWriter implements BatchListener {
 *     public void onBatch(Batch batch) throws Exception { ... }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface BatchListener {

    /**
     * Processes one batch. Returning normally acknowledges it. Throwing, or running past {@code processingTimeoutMs}
     * (the thread is then interrupted), makes the buffer redeliver the same batch after {@code retryBackoffMs} x
     * 2^(attempt-1), up to {@code maxRetries} times, before any later batch of the partition; after that the batch
     * goes to {@code deadLetterBuffer}, or is dropped, counted and logged.
     */
    void onBatch(Batch batch) throws Exception;
}
