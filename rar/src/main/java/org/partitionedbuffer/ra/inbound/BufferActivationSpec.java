package org.partitionedbuffer.ra.inbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.partitionedbuffer.api.BatchListener;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.core.BufferOption;
import org.partitionedbuffer.core.BufferOptions;

/**
 * The activation properties of a message-driven bean that implements {@link BatchListener}: {@code bufferName} (the
 * buffer it listens to) and every buffer option by its name. Unset options come from MicroProfile Config, the
 * resource adapter's defaults, or the engine's defaults (see {@code OptionSources}).
 */
@Activation(messageListeners = BatchListener.class)
public class BufferActivationSpec implements ActivationSpec, Serializable {

    private static final long serialVersionUID = 1L;

    private transient ResourceAdapter resourceAdapter;
    private String bufferName;
    private final Map<String, String> options = new LinkedHashMap<>();

    /**
     * Refuses a missing {@code bufferName} and any option value the engine would refuse, naming the property, the
     * value and what is allowed. A {@code partitionKey} class is checked at activation, with the application's class
     * loader.
     */
    @Override
    public void validate() throws InvalidPropertyException {
        if (bufferName == null || bufferName.isBlank()) {
            throw new InvalidPropertyException("The message-driven bean has no bufferName activation property: add"
                    + " @ActivationConfigProperty(propertyName = \"bufferName\", propertyValue = \"<buffer>\").");
        }
        BufferOptions.Builder builder = BufferOptions.builder(bufferName);
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (option.getKey().equals(BufferOption.PARTITION_KEY.key())) {
                continue;
            }
            try {
                builder.set(option.getKey(), option.getValue());
            } catch (BufferException e) {
                throw new InvalidPropertyException("Invalid activation config property " + option.getKey() + ": "
                        + e.getMessage());
            }
        }
        try {
            builder.build();
        } catch (BufferException e) {
            throw new InvalidPropertyException("Invalid activation config properties: " + e.getMessage());
        }
    }

    /** The options set as activation properties, by option name. */
    public Map<String, String> options() {
        return Map.copyOf(options);
    }

    private void option(BufferOption option, String value) {
        if (value == null) {
            options.remove(option.key());
        } else {
            options.put(option.key(), value);
        }
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) throws ResourceException {
        this.resourceAdapter = resourceAdapter;
    }

    public String getBufferName() {
        return bufferName;
    }

    public void setBufferName(String bufferName) {
        this.bufferName = bufferName == null ? null : bufferName.trim();
    }

    // One JavaBean property per option: the container sets activation-config properties through these setters, found
    // by reflection, so they are written out rather than generated (OptionPropertiesTest checks none is missing).

    public String getBufferType() {
        return options.get(BufferOption.BUFFER_TYPE.key());
    }

    public void setBufferType(String value) {
        option(BufferOption.BUFFER_TYPE, value);
    }

    public String getPartitions() {
        return options.get(BufferOption.PARTITIONS.key());
    }

    public void setPartitions(String value) {
        option(BufferOption.PARTITIONS, value);
    }

    public String getPartitionKey() {
        return options.get(BufferOption.PARTITION_KEY.key());
    }

    public void setPartitionKey(String value) {
        option(BufferOption.PARTITION_KEY, value);
    }

    public String getProcessingIntervalMs() {
        return options.get(BufferOption.PROCESSING_INTERVAL_MS.key());
    }

    public void setProcessingIntervalMs(String value) {
        option(BufferOption.PROCESSING_INTERVAL_MS, value);
    }

    public String getProcessingTimeoutMs() {
        return options.get(BufferOption.PROCESSING_TIMEOUT_MS.key());
    }

    public void setProcessingTimeoutMs(String value) {
        option(BufferOption.PROCESSING_TIMEOUT_MS, value);
    }

    public String getProcessingBatchSize() {
        return options.get(BufferOption.PROCESSING_BATCH_SIZE.key());
    }

    public void setProcessingBatchSize(String value) {
        option(BufferOption.PROCESSING_BATCH_SIZE, value);
    }

    public String getFlushThreshold() {
        return options.get(BufferOption.FLUSH_THRESHOLD.key());
    }

    public void setFlushThreshold(String value) {
        option(BufferOption.FLUSH_THRESHOLD, value);
    }

    public String getCapacity() {
        return options.get(BufferOption.CAPACITY.key());
    }

    public void setCapacity(String value) {
        option(BufferOption.CAPACITY, value);
    }

    public String getOverflow() {
        return options.get(BufferOption.OVERFLOW.key());
    }

    public void setOverflow(String value) {
        option(BufferOption.OVERFLOW, value);
    }

    public String getMaxRetries() {
        return options.get(BufferOption.MAX_RETRIES.key());
    }

    public void setMaxRetries(String value) {
        option(BufferOption.MAX_RETRIES, value);
    }

    public String getRetryBackoffMs() {
        return options.get(BufferOption.RETRY_BACKOFF_MS.key());
    }

    public void setRetryBackoffMs(String value) {
        option(BufferOption.RETRY_BACKOFF_MS, value);
    }

    public String getDeadLetterBuffer() {
        return options.get(BufferOption.DEAD_LETTER_BUFFER.key());
    }

    public void setDeadLetterBuffer(String value) {
        option(BufferOption.DEAD_LETTER_BUFFER, value);
    }

    public String getNonRetryable() {
        return options.get(BufferOption.NON_RETRYABLE.key());
    }

    public void setNonRetryable(String value) {
        option(BufferOption.NON_RETRYABLE, value);
    }

    public String getTransactional() {
        return options.get(BufferOption.TRANSACTIONAL.key());
    }

    public void setTransactional(String value) {
        option(BufferOption.TRANSACTIONAL, value);
    }

    @Override
    public String toString() {
        return "BufferActivationSpec[bufferName=" + bufferName + ", options=" + options + "]";
    }
}
