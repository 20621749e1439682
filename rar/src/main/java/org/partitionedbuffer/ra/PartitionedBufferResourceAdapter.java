package org.partitionedbuffer.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import javax.transaction.xa.XAResource;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.core.BufferOption;
import org.partitionedbuffer.core.BufferRegistry;
import org.partitionedbuffer.ra.inbound.BufferActivationSpec;

/**
 * The Partitioned Buffer resource adapter: buffers that accumulate what applications insert through the
 * {@code BufferConnectionFactory} and deliver it in batches to message-driven beans implementing
 * {@code BatchListener}. Its config properties {@code default<Option>} (admin console: Resource Adapter Configs;
 * asadmin {@code create-resource-adapter-config}) give every buffer's defaults, below MicroProfile Config and the
 * beans' activation properties.
 */
@Connector(
        displayName = "Partitioned Buffer",
        description = "A partitioned in-memory buffer that delivers what it accumulates in batches to message-driven"
                + " beans implementing org.partitionedbuffer.api.BatchListener.",
        vendorName = "org.partitionedbuffer",
        eisType = "Partitioned in-memory buffer",
        version = "1.0",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class PartitionedBufferResourceAdapter implements ResourceAdapter, Serializable {

    private static final long serialVersionUID = 1L;

    /** Option name to the default set for it; only options given a non-blank value. Set before start(). */
    private final Map<String, String> defaults = new TreeMap<>();

    /**
     * Joins the adapter's buffers (one set per RAR deployment, whatever the number of instances the server starts):
     * the first instance runs them, taking over what a previous start kept.
     */
    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        try {
            AdapterRuntime.shared().host(this, context, defaults);
        } catch (ResourceException | BufferException e) {
            throw new ResourceAdapterInternalException("The Partitioned Buffer resource adapter cannot start: "
                    + e.getMessage(), e);
        }
    }

    /** Leaves the buffers; the last instance to stop keeps what no bean could take for the next start. */
    @Override
    public void stop() {
        AdapterRuntime.shared().leave(this);
    }

    @Override
    public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec)
            throws ResourceException {
        if (!(spec instanceof BufferActivationSpec bufferSpec)) {
            throw new NotSupportedException("Unexpected activation spec " + spec.getClass().getName());
        }
        bufferSpec.validate(); // the container may skip it: validate() is optional in the Connectors specification
        AdapterRuntime.shared().activate(endpointFactory, bufferSpec);
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        if (spec instanceof BufferActivationSpec bufferSpec) {
            AdapterRuntime.shared().deactivate(bufferSpec);
        }
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    /**
     * The buffers, for connection handles: the RAR's one set, so a handle of an application whose connection factory
     * was made with an earlier instance (before a reconfiguration) still reaches them.
     */
    public BufferRegistry registry() {
        return AdapterRuntime.shared().registry();
    }

    /**
     * The default set for {@code option}, else the built-in one: what the admin console shows on its New page, since it
     * shows no descriptions. (Not given as the properties' declared default values: the server would pass those under
     * the capitalised name, {@code DefaultCapacity}, beside a value set as {@code defaultCapacity}, in no fixed order.)
     */
    private String valueOf(BufferOption option) {
        String value = defaults.get(option.key());
        if (value != null) {
            return value;
        }
        String builtIn = option.defaultText();
        return builtIn.isEmpty() ? null : builtIn;
    }

    private void setDefault(BufferOption option, String value) {
        if (value == null || value.isBlank()) {
            defaults.remove(option.key());
        } else {
            defaults.put(option.key(), value.trim());
        }
    }

    // One default<Option> pair per option, with its own @ConfigProperty: the server finds config properties by
    // reflection, so they cannot be generated from the descriptors (OptionPropertiesTest checks none is missing).

    @ConfigProperty(description = "Default bufferType of every buffer: queue or map.")
    public void setDefaultBufferType(String value) {
        setDefault(BufferOption.BUFFER_TYPE, value);
    }

    public String getDefaultBufferType() {
        return valueOf(BufferOption.BUFFER_TYPE);
    }

    @ConfigProperty(description = "Default partitions of every buffer: an integer >= 1; empty: available processors.")
    public void setDefaultPartitions(String value) {
        setDefault(BufferOption.PARTITIONS, value);
    }

    public String getDefaultPartitions() {
        return valueOf(BufferOption.PARTITIONS);
    }

    @ConfigProperty(description = "Default partitionKey of every buffer: class name of a public Function<Object, ?> with a public no-arg constructor.")
    public void setDefaultPartitionKey(String value) {
        setDefault(BufferOption.PARTITION_KEY, value);
    }

    public String getDefaultPartitionKey() {
        return valueOf(BufferOption.PARTITION_KEY);
    }

    @ConfigProperty(description = "Default processingIntervalMs of every buffer: an integer >= 1.")
    public void setDefaultProcessingIntervalMs(String value) {
        setDefault(BufferOption.PROCESSING_INTERVAL_MS, value);
    }

    public String getDefaultProcessingIntervalMs() {
        return valueOf(BufferOption.PROCESSING_INTERVAL_MS);
    }

    @ConfigProperty(description = "Default processingTimeoutMs of every buffer: an integer >= 1.")
    public void setDefaultProcessingTimeoutMs(String value) {
        setDefault(BufferOption.PROCESSING_TIMEOUT_MS, value);
    }

    public String getDefaultProcessingTimeoutMs() {
        return valueOf(BufferOption.PROCESSING_TIMEOUT_MS);
    }

    @ConfigProperty(description = "Default processingBatchSize of every buffer: an integer >= 1, or table.")
    public void setDefaultProcessingBatchSize(String value) {
        setDefault(BufferOption.PROCESSING_BATCH_SIZE, value);
    }

    public String getDefaultProcessingBatchSize() {
        return valueOf(BufferOption.PROCESSING_BATCH_SIZE);
    }

    @ConfigProperty(description = "Default flushThreshold of every buffer: an integer >= 0, 0 = off.")
    public void setDefaultFlushThreshold(String value) {
        setDefault(BufferOption.FLUSH_THRESHOLD, value);
    }

    public String getDefaultFlushThreshold() {
        return valueOf(BufferOption.FLUSH_THRESHOLD);
    }

    @ConfigProperty(description = "Default capacity of every buffer: an integer >= 0, 0 = unbounded.")
    public void setDefaultCapacity(String value) {
        setDefault(BufferOption.CAPACITY, value);
    }

    public String getDefaultCapacity() {
        return valueOf(BufferOption.CAPACITY);
    }

    @ConfigProperty(description = "Default overflow of every buffer: reject or block.")
    public void setDefaultOverflow(String value) {
        setDefault(BufferOption.OVERFLOW, value);
    }

    public String getDefaultOverflow() {
        return valueOf(BufferOption.OVERFLOW);
    }

    @ConfigProperty(description = "Default maxRetries of every buffer: an integer >= 0.")
    public void setDefaultMaxRetries(String value) {
        setDefault(BufferOption.MAX_RETRIES, value);
    }

    public String getDefaultMaxRetries() {
        return valueOf(BufferOption.MAX_RETRIES);
    }

    @ConfigProperty(description = "Default retryBackoffMs of every buffer: an integer >= 0, doubled on each retry.")
    public void setDefaultRetryBackoffMs(String value) {
        setDefault(BufferOption.RETRY_BACKOFF_MS, value);
    }

    public String getDefaultRetryBackoffMs() {
        return valueOf(BufferOption.RETRY_BACKOFF_MS);
    }

    @ConfigProperty(description = "Default deadLetterBuffer of every buffer: name of a queue buffer; empty: none.")
    public void setDefaultDeadLetterBuffer(String value) {
        setDefault(BufferOption.DEAD_LETTER_BUFFER, value);
    }

    public String getDefaultDeadLetterBuffer() {
        return valueOf(BufferOption.DEAD_LETTER_BUFFER);
    }

    @ConfigProperty(description = "Default nonRetryable of every buffer: comma-separated exception class names whose"
            + " failures skip the remaining retries; empty: none.")
    public void setDefaultNonRetryable(String value) {
        setDefault(BufferOption.NON_RETRYABLE, value);
    }

    public String getDefaultNonRetryable() {
        return valueOf(BufferOption.NON_RETRYABLE);
    }

    @ConfigProperty(description = "Default transactional of every buffer: true (inserts inside a JTA transaction take"
            + " effect when it commits) or false.")
    public void setDefaultTransactional(String value) {
        setDefault(BufferOption.TRANSACTIONAL, value);
    }

    public String getDefaultTransactional() {
        return valueOf(BufferOption.TRANSACTIONAL);
    }

    /** Value-based, as the connector specification asks: two adapters with the same configuration are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof PartitionedBufferResourceAdapter that && defaults.equals(that.defaults);
    }

    @Override
    public int hashCode() {
        return defaults.hashCode();
    }
}
