package org.partitionedbuffer.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
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
 * The adapter's buffers in this server, one set for the RAR's whole deployment: every started resource adapter
 * instance hosts the same buffers (WildFly starts one per connection factory definition), and they outlive each
 * instance. When the last instance stops (a reconfiguration stops it and starts a new one) the buffers it cannot
 * deliver are parked here, their timers held, and the next start adopts them; only the server's shutdown ends them.
 *
 * <p>Threads: the container calls {@link #host}, {@link #leave}, {@link #activate} and {@link #deactivate}; they
 * serialize on this object, and none waits for a delivery while holding it. Producers reach {@link #registry()}.
 */
final class AdapterRuntime {

    private static final Logger LOG = Logger.getLogger(AdapterRuntime.class.getName());
    /** Added to the longest processingTimeoutMs when waiting for buffers to deliver, for the last hand-offs. */
    private static final long STOP_MARGIN_MS = 5_000;
    private static final String HOW_TO_CREATE = "deploy a message-driven bean with the activation property"
            + " bufferName=NAME, or declare it in MicroProfile Config with partitionedbuffer.NAME.bufferType";
    private static final AdapterRuntime SHARED = new AdapterRuntime();

    private final HandOverScheduler scheduler = new HandOverScheduler();
    private final BufferRegistry registry = new BufferRegistry(scheduler, HOW_TO_CREATE);
    private final BufferMBeans mbeans = new BufferMBeans();
    private final Map<Object, Attachment> attachments = new ConcurrentHashMap<>(); // by activation spec identity

    // Guarded by this.
    private final List<Host> hosts = new ArrayList<>();
    /** Beans detached by a stopping instance while their container still runs: attached again at the next start. */
    private final List<Attachment> standby = new ArrayList<>();
    private Optional<ServerEvents> serverEvents = Optional.empty();
    private BufferMonitoring.Registration monitoring;
    /** The server announced its shutdown: the buffers have delivered and stopped for good. */
    private boolean shutDown;
    /** Whether a host runs the buffers; written under this, read by producers. */
    private volatile boolean running;
    /** The defaults of the instance started last (a reconfiguration's); replaced whole. */
    private volatile Map<String, String> adapterDefaults = Map.of();

    /** A bean attached to its buffer, and what its options were resolved from (to resolve them again). */
    private record Attachment(PartitionedBuffer buffer, EndpointBatchListener listener, BufferActivationSpec spec,
                              Function<String, Optional<String>> microProfileConfig) {
    }

    /** A started resource adapter instance and the scheduler over its WorkManager and timer. */
    private record Host(PartitionedBufferResourceAdapter adapter, WorkManagerScheduler scheduler) {
    }

    private AdapterRuntime() {
    }

    /** The buffers of the RAR this class was loaded from. */
    static AdapterRuntime shared() {
        return SHARED;
    }

    /**
     * A started instance joins. The first one runs the buffers: those parked by the last stop, with their data, and
     * those MicroProfile Config declares.
     */
    synchronized void host(PartitionedBufferResourceAdapter adapter, BootstrapContext context,
                           Map<String, String> defaults) throws ResourceException {
        WorkManagerScheduler own = new WorkManagerScheduler(context.getWorkManager(), context.createTimer());
        hosts.add(new Host(adapter, own));
        adapterDefaults = Map.copyOf(defaults);
        if (hosts.size() > 1) {
            return; // another instance runs the buffers already
        }
        if (shutDown) { // started again in the same JVM after a shutdown (embedded use, tests): start afresh
            shutDown = false;
        }
        scheduler.host(own);
        running = true;
        List<PartitionedBuffer> adopted = List.copyOf(registry.buffers());
        adopted.forEach(mbeans::register);
        monitoring = BufferMonitoring.install(new RegistryMonitoringSource(registry));
        createConfiguredBuffers();
        serverEvents = ServerEvents.register(this::deliverBeforeShutdown, this::deliverBeforeApplicationStops);
        attachStandbyListeners();
        if (!adopted.isEmpty()) {
            LOG.info(() -> "Partitioned Buffer adapter started again; it took over " + describe(adopted)
                    + " from its previous start");
        }
    }

    /**
     * A stopping instance leaves. Another instance takes over its timers; when it was the last, the buffers that beans
     * still listen to deliver what they hold, empty ones are closed, and the others are parked for the next start.
     */
    void leave(PartitionedBufferResourceAdapter adapter) {
        Host leaving;
        synchronized (this) {
            leaving = removeHost(adapter);
            if (leaving == null) {
                return;
            }
            if (!hosts.isEmpty()) {
                scheduler.park();
                scheduler.host(hosts.get(0).scheduler());
                leaving.scheduler().close();
                return;
            }
        }
        if (shutDown || JvmShutdown.inProgress()) {
            awaitStopOfAll(); // delivers to the beans still attached; what no bean takes is given up, and logged
            forgetStoppedBuffers();
        } else {
            deliverToListenersStillAttached();
            closeBuffersHoldingNothing();
        }
        synchronized (this) {
            if (!hosts.isEmpty()) {
                return; // an instance started while this one stopped: it runs the buffers now
            }
            running = false;
            serverEvents.ifPresent(ServerEvents::unregister);
            serverEvents = Optional.empty();
            monitoring.close(); // after the stops, so observers see the partitions stop
            mbeans.unregisterAll();
            scheduler.park();
            leaving.scheduler().close();
        }
        List<PartitionedBuffer> holding = registry.buffers().stream().filter(buffer -> !buffer.holdsNothing())
                .toList();
        LOG.info(() -> "Partitioned Buffer adapter stopped; " + (holding.isEmpty() ? "nothing is pending"
                : describe(holding) + " stay in memory for its next start in this server (a reconfiguration starts it"
                + " again at once); undeploying the adapter before then loses them"));
    }

    /**
     * Forgets every buffer and bean, as undeploying the RAR does (its class loader, and this object with it, goes):
     * for tests, which stop and start adapters in one class loader and must not inherit each other's buffers.
     */
    synchronized void forgetAll() {
        if (!hosts.isEmpty()) {
            throw new IllegalStateException("adapter instances still run: " + hosts.size());
        }
        standby.clear();
        attachments.clear();
        scheduler.discardHeld();
        for (PartitionedBuffer buffer : registry.buffers()) {
            registry.forget(buffer.name());
        }
    }

    private Host removeHost(PartitionedBufferResourceAdapter adapter) {
        for (int i = 0; i < hosts.size(); i++) {
            if (hosts.get(i).adapter() == adapter) {
                return hosts.remove(i);
            }
        }
        return null;
    }

    /** The buffers, for connection handles. */
    BufferRegistry registry() {
        if (!running) {
            throw new BufferException("The Partitioned Buffer resource adapter is not started: deploy"
                    + " partitioned-buffer.rar before the applications that use it, and check the server log for"
                    + " why it did not start.");
        }
        return registry;
    }

    /** Buffers declared in MicroProfile Config exist from the start and keep their data while no listener is active. */
    private void createConfiguredBuffers() {
        ClassLoader loader = AdapterRuntime.class.getClassLoader();
        for (String name : MicroProfileOptions.declaredBuffers(loader)) {
            if (registry.find(name).isPresent()) {
                continue; // kept from the previous start, with its data
            }
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
            registry(); // refuses while no instance is started
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
            awaitQuietly(registry.remove(name), existing.options().processingTimeoutMs());
            mbeans.unregister(name);
            return null;
        }
        requireSameFixedOptions(existing, wanted);
        // With a listener attached, attach() refuses this one: its options must not change the buffer. Activations
        // hold this runtime's lock, so no listener can attach in between.
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
                    + now + " and holds " + buffer.size() + " pending item(s), and this message-driven bean asks for "
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
                    + " application runs (the adapter restarts); " + buffer.size() + " pending item(s) wait for it to be"
                    + " attached again at the adapter's next start");
        } else {
            LOG.info(() -> "Buffer '" + buffer.name() + "': listener detached; " + buffer.size()
                    + " pending item(s) wait in the adapter for the next listener");
        }
    }

    /** At the start of an instance: beans on standby whose container still runs get their buffers back. */
    private void attachStandbyListeners() {
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
    private void deliverBeforeApplicationStops(ClassLoader applicationLoader) {
        List<Attachment> leaving = attachments.values().stream()
                .filter(attachment -> attachment.listener().belongsTo(applicationLoader)).toList();
        for (Attachment attachment : leaving) {
            PartitionedBuffer buffer = attachment.buffer();
            long pending = buffer.size();
            boolean delivered = flushAndWait(buffer, buffer.options().processingTimeoutMs());
            synchronized (this) {
                if (attachments.remove(attachment.spec(), attachment)) {
                    buffer.detach(attachment.listener());
                }
            }
            LOG.info(() -> "Buffer '" + buffer.name() + "': " + attachment.listener() + " is stopping; "
                    + (delivered ? "it took the " + pending + " item(s) pending" : "it did not take all of the "
                    + pending + " item(s) pending within processingTimeoutMs") + "; " + buffer.size()
                    + " wait in the adapter for the next listener");
        }
    }

    /** At PREPARE_SHUTDOWN, while message-driven beans still accept batches: deliver everything pending. */
    void deliverBeforeShutdown() {
        LOG.info("Server shutting down: delivering what the buffers hold");
        synchronized (this) {
            shutDown = true;
        }
        awaitStopOfAll();
    }

    /**
     * Before the last instance stops, beans the server left attached get what their buffers hold. Payara leaves them
     * attached from its second reconfiguration on (it deactivates only the beans the stopping instance activated):
     * those whose container runs go on standby for the next instance; the others are detached.
     */
    private void deliverToListenersStillAttached() {
        List<PartitionedBuffer> listened = registry.buffers().stream().filter(buffer -> buffer.listener() != null)
                .toList();
        List<PartitionedBuffer> receiving = listened.stream().filter(AdapterRuntime::listenerCanReceive).toList();
        receiving.forEach(PartitionedBuffer::flush);
        long timeoutMs = longestTimeoutMs();
        long start = System.nanoTime();
        for (PartitionedBuffer buffer : receiving) {
            flushAndWait(buffer, timeoutMs - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
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

    /**
     * Buffers with nothing to keep and no bean waiting for them are closed: the next start creates them again with its
     * own defaults.
     */
    private void closeBuffersHoldingNothing() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        Set<String> awaited;
        synchronized (this) {
            awaited = standby.stream().map(attachment -> attachment.buffer().name()).collect(Collectors.toSet());
        }
        for (PartitionedBuffer buffer : registry.buffers()) {
            if (buffer.listener() == null && buffer.holdsNothing() && !awaited.contains(buffer.name())) {
                stops.add(registry.remove(buffer.name()));
            }
        }
        awaitQuietly(CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)), longestTimeoutMs());
    }

    private void awaitStopOfAll() {
        awaitQuietly(registry.stopAll(), longestTimeoutMs());
        long remaining = registry.buffers().stream().mapToLong(PartitionedBuffer::size).sum();
        if (remaining > 0) {
            LOG.warning(() -> "Buffers did not finish delivering within " + longestTimeoutMs() + " ms; "
                    + remaining + " pending item(s) are lost with the server's shutdown");
        }
    }

    private void forgetStoppedBuffers() {
        for (PartitionedBuffer buffer : registry.buffers()) {
            if (buffer.isStopped()) {
                registry.remove(buffer.name());
            }
        }
    }

    private long longestTimeoutMs() {
        return registry.buffers().stream().mapToLong(buffer -> buffer.options().processingTimeoutMs()).max()
                .orElse(0) + STOP_MARGIN_MS;
    }

    /** On a container thread that stops or undeploys (nothing else waits for it): delivers what is pending now. */
    private static boolean flushAndWait(PartitionedBuffer buffer, long timeoutMs) {
        try {
            return buffer.flushAndWait(Math.max(0, timeoutMs));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void awaitQuietly(CompletableFuture<Void> future, long timeoutMs) {
        try {
            future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warning(() -> "Buffers did not finish stopping within " + timeoutMs + " ms");
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "A buffer failed while stopping", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(List<PartitionedBuffer> buffers) {
        long items = buffers.stream().mapToLong(PartitionedBuffer::size).sum();
        return buffers.size() + " buffer(s) holding " + items + " pending item(s) (" + buffers.stream()
                .map(buffer -> buffer.name() + ": " + buffer.size()).collect(Collectors.joining(", ")) + ")";
    }
}
