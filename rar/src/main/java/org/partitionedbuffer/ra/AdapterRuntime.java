package org.partitionedbuffer.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.partitionedbuffer.api.BatchListener;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.api.BufferMonitoring;
import org.partitionedbuffer.core.BufferOption;
import org.partitionedbuffer.core.BufferOptions;
import org.partitionedbuffer.core.BufferRegistry;
import org.partitionedbuffer.core.PartitionedBuffer;
import org.partitionedbuffer.ra.admin.BufferMBeans;
import org.partitionedbuffer.ra.inbound.BufferActivationSpec;
import org.partitionedbuffer.ra.inbound.EndpointBatchListener;

/**
 * What a started resource adapter runs: the buffers (on the container's WorkManager and timer), the message-driven
 * beans attached to them, their MBeans, and the flush at server shutdown. One instance per {@code start()}.
 */
final class AdapterRuntime {

    private static final Logger LOG = Logger.getLogger(AdapterRuntime.class.getName());
    /** Added to the longest processingTimeoutMs when waiting for buffers to stop, for the last hand-offs. */
    private static final long STOP_MARGIN_MS = 5_000;

    private final WorkManagerScheduler scheduler;
    private final BufferRegistry registry;
    private final Map<String, String> adapterDefaults;
    private final BufferMBeans mbeans = new BufferMBeans();
    private final Map<Object, Attachment> attachments = new ConcurrentHashMap<>(); // by activation spec identity
    private final Optional<ServerShutdownHook> shutdownHook;
    private final BufferMonitoring.Registration monitoring;

    private record Attachment(PartitionedBuffer buffer, BatchListener listener) {
    }

    AdapterRuntime(BootstrapContext context, Map<String, String> adapterDefaults) throws ResourceException {
        this.scheduler = new WorkManagerScheduler(context.getWorkManager(), context.createTimer());
        this.registry = new BufferRegistry(scheduler, "deploy a message-driven bean with the activation property"
                + " bufferName=NAME, or declare it in MicroProfile Config with partitionedbuffer.NAME.bufferType");
        this.adapterDefaults = Map.copyOf(adapterDefaults);
        this.monitoring = BufferMonitoring.install(new RegistryMonitoringSource(registry));
        createConfiguredBuffers();
        this.shutdownHook = ServerShutdownHook.register(this::deliverBeforeShutdown);
    }

    BufferRegistry registry() {
        return registry;
    }

    /** Buffers declared in MicroProfile Config exist from the start and keep their data while no listener is active. */
    private void createConfiguredBuffers() {
        ClassLoader loader = AdapterRuntime.class.getClassLoader();
        for (String name : MicroProfileOptions.declaredBuffers(loader)) {
            try {
                create(OptionSources.resolve(name, MicroProfileOptions.seenBy(loader), Map.of(), adapterDefaults,
                        loader));
                LOG.info(() -> "Buffer '" + name + "' created from MicroProfile Config");
            } catch (BufferException e) {
                LOG.log(Level.SEVERE, "Buffer '" + name + "' declared in MicroProfile Config was not created: "
                        + e.getMessage());
            }
        }
    }

    private PartitionedBuffer create(BufferOptions options) {
        PartitionedBuffer buffer = registry.create(options);
        mbeans.register(buffer);
        return buffer;
    }

    /**
     * Attaches a message-driven bean to its buffer, creating the buffer if needed. Returns at once: the bean's
     * endpoints are created on delivery threads, when the first batch is ready.
     */
    synchronized void activate(MessageEndpointFactory endpointFactory, BufferActivationSpec spec)
            throws ResourceException {
        try {
            ClassLoader applicationLoader = endpointFactory.getEndpointClass().getClassLoader();
            String name = spec.getBufferName();
            BufferOptions options = OptionSources.resolve(name, MicroProfileOptions.seenBy(applicationLoader),
                    spec.options(), adapterDefaults, applicationLoader);
            PartitionedBuffer existing = registry.find(name).orElse(null);
            if (existing != null) {
                requireSameFixedOptions(existing, options);
                // With a listener attached, attach() below refuses this one: its options must not change the buffer.
                // Activations hold this runtime's lock, so no listener can attach in between.
                if (existing.listener() == null) {
                    existing.updateOptions(runtimeOptions(options));
                }
            }
            PartitionedBuffer buffer = existing != null ? existing : create(options);
            BatchListener listener = new EndpointBatchListener(endpointFactory);
            buffer.attach(listener);
            attachments.put(spec, new Attachment(buffer, listener));
            LOG.info(() -> "Buffer '" + name + "' delivers to " + listener + " with " + buffer.options().asMap());
        } catch (BufferException e) {
            throw new ResourceException(e.getMessage(), e);
        }
    }

    /**
     * A buffer that already exists (declared in MicroProfile Config, or kept since its bean was undeployed) must have
     * been created with the options that cannot change; the activation's other options replace its own.
     */
    private static void requireSameFixedOptions(PartitionedBuffer buffer, BufferOptions wanted) {
        Map<String, String> current = buffer.options().asMap();
        Map<String, String> requested = wanted.asMap();
        for (BufferOption option : BufferOption.values()) {
            String now = current.get(option.key());
            String asked = requested.get(option.key());
            if (!option.runtimeChangeable() && !now.equals(asked)) {
                throw new BufferException("Buffer '" + buffer.name() + "' already exists with " + option.key() + "="
                        + now + ", and this message-driven bean asks for " + option.key() + "=" + asked + "; "
                        + option.key() + " cannot change while the buffer exists: use the same value, or another"
                        + " bufferName.");
            }
        }
    }

    /** The options of {@code resolved} that a running buffer can take. */
    private static Map<String, String> runtimeOptions(BufferOptions resolved) {
        Map<String, String> runtime = new LinkedHashMap<>();
        resolved.asMap().forEach((key, value) -> {
            if (BufferOption.forKey(key).orElseThrow().runtimeChangeable()) {
                runtime.put(key, value);
            }
        });
        return runtime;
    }

    /**
     * Detaches the bean. Its buffer and data stay in the adapter and are delivered when a listener for the buffer
     * activates again (on Payara, nothing can be delivered once deactivation has begun).
     */
    synchronized void deactivate(BufferActivationSpec spec) {
        Attachment attachment = attachments.remove(spec);
        if (attachment != null) {
            attachment.buffer().detach(attachment.listener());
            LOG.info(() -> "Buffer '" + attachment.buffer().name() + "': listener detached; "
                    + attachment.buffer().size() + " pending item(s) kept until a listener activates again");
        }
    }

    /** At PREPARE_SHUTDOWN, while message-driven beans still accept batches: deliver everything pending. */
    private void deliverBeforeShutdown() {
        LOG.info("Server shutting down: delivering what the buffers hold");
        awaitStopOfAll();
    }

    void stop() {
        shutdownHook.ifPresent(ServerShutdownHook::unregister);
        awaitStopOfAll();
        monitoring.close(); // after the stop, so observers see the partitions stop
        mbeans.unregisterAll();
        scheduler.close();
    }

    private void awaitStopOfAll() {
        long bound = registry.buffers().stream().mapToLong(buffer -> buffer.options().processingTimeoutMs())
                .max().orElse(0) + STOP_MARGIN_MS;
        try {
            registry.stopAll().get(bound, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warning(() -> "Buffers did not finish delivering within " + bound + " ms; what remains is lost");
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "A buffer failed while stopping", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
