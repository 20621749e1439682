package org.partitionedbuffer.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.partitionedbuffer.api.BatchListener;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.core.BufferOption;
import org.partitionedbuffer.core.BufferOptions;
import org.partitionedbuffer.core.BufferRegistry;
import org.partitionedbuffer.core.PartitionedBuffer;
import org.partitionedbuffer.ra.admin.BufferMBeans;
import org.partitionedbuffer.ra.inbound.BufferActivationSpec;
import org.partitionedbuffer.ra.inbound.EndpointBatchListener;

/**
 * The message-driven beans attached to the adapter's buffers: activation (creating the buffer if needed),
 * deactivation, delivery to the beans of an application before it stops, and the beans kept on standby while the
 * adapter restarts (Payara deactivates them for a reconfiguration and never activates them again).
 *
 * <p>Threads: the container's activation, deactivation, start and stop threads and the server's event thread; the
 * attachments change under this object's lock, and no delivery is waited for while holding it.
 */
final class BeanAttachments {

    private static final Logger LOG = Logger.getLogger(BeanAttachments.class.getName());

    private final BufferRegistry registry;
    private final BufferMBeans mbeans;
    private final Map<Object, Attachment> attachments = new ConcurrentHashMap<>(); // by activation spec identity
    /** Beans detached while their container runs (the adapter restarts): attached again at the next start. */
    private final List<Attachment> standby = new ArrayList<>(); // guarded by this

    /** A bean attached to its buffer, and what its options were resolved from (to resolve them again). */
    private record Attachment(PartitionedBuffer buffer, EndpointBatchListener listener, BufferActivationSpec spec,
                              Function<String, Optional<String>> microProfileConfig) {
    }

    BeanAttachments(BufferRegistry registry, BufferMBeans mbeans) {
        this.registry = registry;
        this.mbeans = mbeans;
    }

    /**
     * Attaches a message-driven bean to its buffer, creating the buffer if needed. Returns at once: the bean's
     * endpoints are created on delivery threads, when the first batch is ready.
     */
    synchronized void activate(MessageEndpointFactory endpointFactory, BufferActivationSpec spec,
                               Map<String, String> adapterDefaults) throws ResourceException {
        try {
            ClassLoader applicationLoader = endpointFactory.getEndpointClass().getClassLoader();
            String name = spec.getBufferName();
            Function<String, Optional<String>> microProfileConfig = MicroProfileOptions.seenBy(applicationLoader);
            BufferOptions options = OptionSources.resolve(name, microProfileConfig, spec.options(), adapterDefaults,
                    applicationLoader);
            PartitionedBuffer buffer = existingFor(name, options);
            if (buffer == null) {
                buffer = create(options);
            }
            buffer.routeWithClassesOf(applicationLoader);
            EndpointBatchListener listener = new EndpointBatchListener(endpointFactory);
            buffer.attach(listener);
            attachments.put(spec, new Attachment(buffer, listener, spec, microProfileConfig));
            PartitionedBuffer attached = buffer;
            LOG.info(() -> "Buffer '" + name + "' delivers to " + listener + " with " + attached.options().asMap());
        } catch (BufferException e) {
            throw new ResourceException(e.getMessage(), e);
        }
    }

    /**
     * The buffer {@code name} that exists already (declared in MicroProfile Config, or kept since its bean was undeployed
     * or the adapter restarted), with the activation's runtime options; null when there is none, or when it held
     * nothing and no listener and is replaced (so new defaults for options that cannot change take effect).
     */
    private PartitionedBuffer existingFor(String name, BufferOptions wanted) {
        PartitionedBuffer existing = registry.find(name).orElse(null);
        if (existing == null) {
            return null;
        }
        boolean sameFixedOptions = fixedOptionsDiffering(existing, wanted).isEmpty();
        if (!sameFixedOptions && existing.listener() == null && existing.holdsNothing()) {
            BufferWaits.awaitQuietly(registry.remove(name), existing.options().processingTimeoutMs());
            mbeans.unregister(name);
            return null;
        }
        requireSameFixedOptions(existing, wanted);
        // With a listener attached, attach() refuses this one: its options must not change the buffer. Attachments
        // change under this object's lock, so no listener can attach in between.
        if (existing.listener() == null) {
            existing.updateOptions(runtimeOptions(wanted));
        }
        return existing;
    }

    /**
     * A buffer that already exists must have been created with the options that cannot change; the activation's other
     * options replace its own.
     */
    private static void requireSameFixedOptions(PartitionedBuffer buffer, BufferOptions wanted) {
        List<BufferOption> differing = fixedOptionsDiffering(buffer, wanted);
        if (!differing.isEmpty()) {
            BufferOption option = differing.get(0);
            String now = buffer.options().asMap().get(option.key());
            String asked = wanted.asMap().get(option.key());
            throw new BufferException("Buffer '" + buffer.name() + "' already exists with " + option.key() + "="
                    + now + " and holds " + buffer.held() + " pending item(s), and this message-driven bean asks for "
                    + option.key() + "=" + asked + "; " + option.key() + " cannot change while the buffer exists: use"
                    + " the same value, or another bufferName.");
        }
    }

    private static List<BufferOption> fixedOptionsDiffering(PartitionedBuffer buffer, BufferOptions wanted) {
        Map<String, String> current = buffer.options().asMap();
        Map<String, String> requested = wanted.asMap();
        List<BufferOption> differing = new ArrayList<>();
        for (BufferOption option : BufferOption.values()) {
            if (!option.runtimeChangeable() && !current.get(option.key()).equals(requested.get(option.key()))) {
                differing.add(option);
            }
        }
        return differing;
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

    private PartitionedBuffer create(BufferOptions options) {
        PartitionedBuffer buffer = registry.create(options);
        mbeans.register(buffer);
        return buffer;
    }

    /**
     * Detaches the bean. Its buffer and data stay in the adapter and are delivered when a listener for the buffer
     * activates again (on Payara, nothing can be delivered once deactivation has begun). A bean whose container still
     * hands out endpoints is being detached because this adapter instance stops, not its application (Payara does this
     * for a reconfiguration, and never activates the bean again): it is kept on standby and attached again when the next
     * instance starts.
     */
    synchronized void deactivate(BufferActivationSpec spec) {
        Attachment attachment = attachments.remove(spec);
        if (attachment == null) {
            return; // never activated, or already detached before its application stopped
        }
        PartitionedBuffer buffer = attachment.buffer();
        buffer.detach(attachment.listener());
        if (attachment.listener().containerAvailable()) {
            standby.add(attachment);
            LOG.info(() -> "Buffer '" + buffer.name() + "': " + attachment.listener() + " detached while its"
                    + " application runs (the adapter restarts); " + buffer.held() + " pending item(s) wait for it to be"
                    + " attached again at the adapter's next start");
        } else {
            LOG.info(() -> "Buffer '" + buffer.name() + "': listener detached; " + buffer.held()
                    + " pending item(s) wait in the adapter for the next listener");
        }
    }

    /**
     * Detaches the bean for good, on a server where deactivation means its application stops or the server suspends
     * (no adapter restart under running applications): the data stays in the adapter for the next listener.
     */
    synchronized void detach(BufferActivationSpec spec) {
        Attachment attachment = attachments.remove(spec);
        if (attachment == null) {
            return;
        }
        PartitionedBuffer buffer = attachment.buffer();
        buffer.detach(attachment.listener());
        LOG.info(() -> "Buffer '" + buffer.name() + "': " + attachment.listener() + " detached; " + buffer.held()
                + " pending item(s) wait in the adapter for the next listener");
    }

    /**
     * The last moment a bean can receive, on a server that gives no earlier one (no GlassFish-family events): WildFly
     * deactivates every message-driven bean when it suspends (its graceful {@code shutdown} suspends first), while the
     * bean still takes invocations, and stops the adapter only after that; Open Liberty deactivates them as their
     * application stops. What the bean's buffer holds is delivered now, within its processingTimeoutMs; the wait ends
     * early when the container refuses the bean's invocations (a WildFly undeploy: the data then stays in the adapter
     * for the next listener). Call it before {@link #detach}.
     */
    void deliverBeforeDeactivation(BufferActivationSpec spec) {
        Attachment attachment = attachments.get(spec);
        if (attachment == null || !attachment.listener().containerAvailable()) {
            return;
        }
        PartitionedBuffer buffer = attachment.buffer();
        long pending = buffer.held();
        if (pending == 0) {
            return;
        }
        long timeoutMs = buffer.options().processingTimeoutMs();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        boolean delivered = false;
        while (!delivered && !attachment.listener().refusedInvocations() && System.nanoTime() - deadline < 0) {
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            delivered = BufferWaits.flushAndWait(buffer, Math.min(250, Math.max(1, remainingMs)));
        }
        boolean done = delivered;
        LOG.info(() -> "Buffer '" + buffer.name() + "': " + attachment.listener() + " is being deactivated; "
                + (done ? "it took the " + pending + " item(s) pending first"
                : attachment.listener().refusedInvocations() ? "its container refuses its invocations"
                : "it did not take all of the " + pending + " item(s) pending within processingTimeoutMs=" + timeoutMs)
                + "; " + buffer.held() + " remain in the adapter");
    }

    /** At the start of an instance: beans on standby whose container still runs get their buffers back. */
    synchronized void attachStandby(Map<String, String> adapterDefaults) {
        List<Attachment> waiting = List.copyOf(standby);
        standby.clear();
        for (Attachment attachment : waiting) {
            PartitionedBuffer buffer = registry.find(attachment.buffer().name()).orElse(null);
            if (buffer == null || buffer.listener() != null || !attachment.listener().containerAvailable()) {
                continue; // its application went meanwhile, or another bean took the buffer
            }
            try {
                BufferOptions options = OptionSources.resolve(buffer.name(), attachment.microProfileConfig(),
                        attachment.spec().options(), adapterDefaults, attachment.listener().applicationClassLoader());
                buffer.updateOptions(runtimeOptions(options)); // the new adapter defaults
            } catch (BufferException e) {
                LOG.warning(() -> "Buffer '" + buffer.name() + "' keeps its options: " + e.getMessage());
            }
            buffer.attach(attachment.listener());
            attachments.put(attachment.spec(), new Attachment(buffer, attachment.listener(), attachment.spec(),
                    attachment.microProfileConfig()));
            LOG.info(() -> "Buffer '" + buffer.name() + "' delivers again to " + attachment.listener() + " with "
                    + buffer.options().asMap());
        }
    }

    /**
     * Before an application stops (undeploy, disable, redeploy), while its beans still receive: the buffers they listen
     * to deliver what they hold, within their processingTimeoutMs, and the beans are detached.
     */
    void deliverBeforeApplicationStops(ClassLoader applicationLoader) {
        List<Attachment> leaving = attachments.values().stream()
                .filter(attachment -> attachment.listener().belongsTo(applicationLoader)).toList();
        for (Attachment attachment : leaving) {
            PartitionedBuffer buffer = attachment.buffer();
            long pending = buffer.held();
            boolean delivered = BufferWaits.flushAndWait(buffer, buffer.options().processingTimeoutMs());
            synchronized (this) {
                if (attachments.remove(attachment.spec(), attachment)) {
                    buffer.detach(attachment.listener());
                }
            }
            LOG.info(() -> "Buffer '" + buffer.name() + "': " + attachment.listener() + " is stopping; "
                    + (delivered ? "it took the " + pending + " item(s) pending" : "it did not take all of the "
                    + pending + " item(s) pending within processingTimeoutMs") + "; " + buffer.held()
                    + " wait in the adapter for the next listener");
        }
    }

    /**
     * Before the last instance stops, beans the server left attached get what their buffers hold. Payara leaves them
     * attached from its second reconfiguration on (it deactivates only the beans the stopping instance activated):
     * those whose container runs go on standby for the next instance; the others are detached.
     */
    void deliverAndPutOnStandby() {
        List<PartitionedBuffer> listened = registry.buffers().stream().filter(buffer -> buffer.listener() != null)
                .toList();
        List<PartitionedBuffer> receiving = listened.stream().filter(BeanAttachments::listenerCanReceive).toList();
        receiving.forEach(PartitionedBuffer::flush); // all deliver at once; then each is waited for in turn
        long timeoutMs = BufferWaits.longestTimeoutMs(registry);
        long start = System.nanoTime();
        for (PartitionedBuffer buffer : receiving) {
            BufferWaits.flushAndWait(buffer, timeoutMs - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        synchronized (this) {
            for (Attachment attachment : List.copyOf(attachments.values())) {
                if (attachment.listener().containerAvailable()) {
                    standby.add(attachment);
                }
            }
            attachments.clear();
            for (PartitionedBuffer buffer : listened) {
                BatchListener listener = buffer.listener();
                if (listener != null) {
                    buffer.detach(listener);
                }
            }
        }
    }

    /** Whether the buffer's listener can take batches now: not a bean whose container refuses endpoints. */
    private static boolean listenerCanReceive(PartitionedBuffer buffer) {
        return !(buffer.listener() instanceof EndpointBatchListener bean) || bean.containerAvailable();
    }

    /** The buffers that beans on standby wait for. */
    synchronized Set<String> awaitedBuffers() {
        return standby.stream().map(attachment -> attachment.buffer().name()).collect(Collectors.toSet());
    }

    /** Forgets every bean: the buffers are being discarded. */
    synchronized void forgetAll() {
        standby.clear();
        attachments.clear();
    }
}
