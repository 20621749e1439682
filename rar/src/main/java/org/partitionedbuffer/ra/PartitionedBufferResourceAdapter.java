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
import org.partitionedbuffer.core.BufferOptions;
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
    /** The engine's own defaults, by option name. */
    private static final Map<String, String> BUILT_IN_DEFAULTS = BufferOptions.builder("defaults").build().asMap();

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
    private String valueOf(String option) {
        String value = defaults.get(option);
        if (value != null) {
            return value;
        }
        String builtIn = BUILT_IN_DEFAULTS.get(option);
        return builtIn == null || builtIn.isEmpty() ? null : builtIn;
    }

    private void setDefault(String option, String value) {
        if (value == null || value.isBlank()) {
            defaults.remove(option);
        } else {
            defaults.put(option, value.trim());
        }
    }

    @ConfigProperty(description = "Default bufferType of every buffer: queue or map.")
    public void setDefaultBufferType(String value) {
        setDefault("bufferType", value);
    }

    public String getDefaultBufferType() {
        return valueOf("bufferType");
    }

    @ConfigProperty(description = "Default partitions of every buffer: an integer >= 1; empty: available processors.")
    public void setDefaultPartitions(String value) {
        setDefault("partitions", value);
    }

    public String getDefaultPartitions() {
        return valueOf("partitions");
    }

    @ConfigProperty(description = "Default partitionKey of every buffer: class name of a public Function<Object, ?> with a public no-arg constructor.")
    public void setDefaultPartitionKey(String value) {
        setDefault("partitionKey", value);
    }

    public String getDefaultPartitionKey() {
        return valueOf("partitionKey");
    }

    @ConfigProperty(description = "Default processingIntervalMs of every buffer: an integer >= 1.")
    public void setDefaultProcessingIntervalMs(String value) {
        setDefault("processingIntervalMs", value);
    }

    public String getDefaultProcessingIntervalMs() {
        return valueOf("processingIntervalMs");
    }

    @ConfigProperty(description = "Default processingTimeoutMs of every buffer: an integer >= 1.")
    public void setDefaultProcessingTimeoutMs(String value) {
        setDefault("processingTimeoutMs", value);
    }

    public String getDefaultProcessingTimeoutMs() {
        return valueOf("processingTimeoutMs");
    }

    @ConfigProperty(description = "Default processingBatchSize of every buffer: an integer >= 1, or table.")
    public void setDefaultProcessingBatchSize(String value) {
        setDefault("processingBatchSize", value);
    }

    public String getDefaultProcessingBatchSize() {
        return valueOf("processingBatchSize");
    }

    @ConfigProperty(description = "Default flushThreshold of every buffer: an integer >= 0, 0 = off.")
    public void setDefaultFlushThreshold(String value) {
        setDefault("flushThreshold", value);
    }

    public String getDefaultFlushThreshold() {
        return valueOf("flushThreshold");
    }

    @ConfigProperty(description = "Default capacity of every buffer: an integer >= 0, 0 = unbounded.")
    public void setDefaultCapacity(String value) {
        setDefault("capacity", value);
    }

    public String getDefaultCapacity() {
        return valueOf("capacity");
    }

    @ConfigProperty(description = "Default overflow of every buffer: reject or block.")
    public void setDefaultOverflow(String value) {
        setDefault("overflow", value);
    }

    public String getDefaultOverflow() {
        return valueOf("overflow");
    }

    @ConfigProperty(description = "Default maxRetries of every buffer: an integer >= 0.")
    public void setDefaultMaxRetries(String value) {
        setDefault("maxRetries", value);
    }

    public String getDefaultMaxRetries() {
        return valueOf("maxRetries");
    }

    @ConfigProperty(description = "Default retryBackoffMs of every buffer: an integer >= 0, doubled on each retry.")
    public void setDefaultRetryBackoffMs(String value) {
        setDefault("retryBackoffMs", value);
    }

    public String getDefaultRetryBackoffMs() {
        return valueOf("retryBackoffMs");
    }

    @ConfigProperty(description = "Default deadLetterBuffer of every buffer: name of a queue buffer; empty: none.")
    public void setDefaultDeadLetterBuffer(String value) {
        setDefault("deadLetterBuffer", value);
    }

    public String getDefaultDeadLetterBuffer() {
        return valueOf("deadLetterBuffer");
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
