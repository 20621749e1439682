package org.partitionedbuffer.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.BootstrapContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.api.BufferMonitoring;
import org.partitionedbuffer.core.BufferOptions;
import org.partitionedbuffer.core.BufferRegistry;
import org.partitionedbuffer.core.PartitionedBuffer;
import org.partitionedbuffer.ra.admin.BufferMBeans;
import org.partitionedbuffer.ra.inbound.BufferActivationSpec;

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
    private static final String HOW_TO_CREATE = "deploy a message-driven bean with the activation property"
            + " bufferName=NAME, or declare it in MicroProfile Config with partitionedbuffer.NAME.bufferType";
    private static final AdapterRuntime SHARED = new AdapterRuntime();

    private final HandOverScheduler scheduler = new HandOverScheduler();
    private final ServerTransactions transactions = new ServerTransactions();
    private final BufferRegistry registry = new BufferRegistry(scheduler, HOW_TO_CREATE, transactions);
    private final BufferMBeans mbeans = new BufferMBeans();
    private final BeanAttachments beans = new BeanAttachments(registry, mbeans);

    // Guarded by this.
    private final List<Host> hosts = new ArrayList<>();
    private Optional<ServerEvents> serverEvents = Optional.empty();
    private BufferMonitoring.Registration monitoring;
    /** The server announced its shutdown: the buffers have delivered and stopped for good. */
    private boolean shutDown;
    /** The server is stopping the adapter's own module (undeploy, disable, redeploy): no next start will adopt. */
    private boolean adapterStopping;
    /** The server, known from the first instance's BootstrapContext; written under this, read by any thread. */
    private volatile ServerFamily family = ServerFamily.OTHER;
    /** Whether a host runs the buffers; written under this, read by producers. */
    private volatile boolean running;
    /** The defaults of the instance started last (a reconfiguration's); replaced whole. */
    private volatile Map<String, String> adapterDefaults = Map.of();

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
        shutDown = false; // a start after a shutdown in the same JVM (embedded use, tests) starts afresh
        adapterStopping = false;
        family = ServerFamily.of(context);
        scheduler.host(own);
        transactions.use(transactionRegistryOf(context));
        running = true;
        List<PartitionedBuffer> adopted = List.copyOf(registry.buffers());
        String takenOver = describe(adopted); // now: the beans attached below may take the items at once
        adopted.forEach(mbeans::register);
        monitoring = BufferMonitoring.install(new RegistryMonitoringSource(registry));
        createConfiguredBuffers();
        serverEvents = ServerEvents.register(this::deliverBeforeShutdown, this::deliverBeforeApplicationStops);
        beans.attachStandby(adapterDefaults);
        if (!adopted.isEmpty()) {
            LOG.info(() -> "Partitioned Buffer adapter started again; it took over " + takenOver
                    + " from its previous start");
        }
        ServerFamily server = family;
        LOG.fine(() -> "Partitioned Buffer adapter started on a " + server + " server (BootstrapContext "
                + context.getClass().getName() + "); endpoint deactivation is "
                + (server.deactivationIsLastMoment() ? "" : "not ") + "a bean's last moment to receive");
    }

    /** The server's transaction registry, or null (inserts then take effect at once, and the log says so). */
    private static TransactionSynchronizationRegistry transactionRegistryOf(BootstrapContext context) {
        try {
            TransactionSynchronizationRegistry found = context.getTransactionSynchronizationRegistry();
            if (found == null) {
                LOG.warning("The server gives the Partitioned Buffer adapter no TransactionSynchronizationRegistry:"
                        + " inserts take effect at once, even inside a transaction that later rolls back");
            }
            return found;
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "The server's TransactionSynchronizationRegistry cannot be reached: inserts take"
                    + " effect at once, even inside a transaction that later rolls back", e);
            return null;
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
        boolean forGood;
        synchronized (this) {
            forGood = shutDown || adapterStopping;
        }
        if (forGood || JvmShutdown.inProgress()) {
            awaitStopOfAll(); // delivers to the beans still attached; what no bean takes is given up, and logged
            forgetStoppedBuffers();
            beans.forgetAll();
        } else {
            beans.deliverAndPutOnStandby();
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
        if (holding.isEmpty()) {
            LOG.info("Partitioned Buffer adapter stopped; nothing is pending");
        } else {
            ServerFamily server = family;
            // Payara and GlassFish stop the adapter with data in it for a reconfiguration (it starts again at once);
            // Open Liberty for a server stop, where the data goes with the process: a WARNING there.
            LOG.log(server == ServerFamily.LIBERTY ? Level.WARNING : Level.INFO, () -> "Partitioned Buffer adapter"
                    + " stopped; " + describe(holding) + " stay in memory for its"
                    + " next start in this server (a reconfiguration starts it again at once), and are lost if the"
                    + " server is stopping or the adapter is undeployed" + (server == ServerFamily.LIBERTY
                    ? ". Open Liberty gives the adapter no moment before it pauses the beans at a server stop: invoke"
                    + " flushAndWait on the buffers' MBeans before 'server stop' (see the README, Servers)" : ""));
        }
    }

    /**
     * Forgets every buffer and bean, as undeploying the RAR does (its class loader, and this object with it, goes):
     * for tests, which stop and start adapters in one class loader and must not inherit each other's buffers.
     */
    synchronized void forgetAll() {
        if (!hosts.isEmpty()) {
            throw new IllegalStateException("adapter instances still run: " + hosts.size());
        }
        beans.forgetAll();
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

    /** Attaches a message-driven bean to its buffer (see {@link BeanAttachments#activate}); refused while stopped. */
    synchronized void activate(MessageEndpointFactory endpointFactory, BufferActivationSpec spec)
            throws ResourceException {
        try {
            registry(); // refuses while no instance is started
        } catch (BufferException notStarted) {
            throw new ResourceException(notStarted.getMessage(), notStarted);
        }
        beans.activate(endpointFactory, spec, adapterDefaults);
    }

    /**
     * Detaches a message-driven bean. Where deactivation is the last moment a bean can receive (WildFly, Open Liberty:
     * see {@link ServerFamily#deactivationIsLastMoment}), it first gets what its buffer holds (see {@link
     * BeanAttachments#deliverBeforeDeactivation}), and is then detached for good, its data kept for the next listener.
     * On Payara and GlassFish the data stays in the adapter: they also deactivate the beans for a reconfiguration of a
     * running adapter, and announce a shutdown or an application's stop earlier (PREPARE_SHUTDOWN, MODULE_STOPPED),
     * when the beans still receive.
     */
    void deactivate(BufferActivationSpec spec) {
        boolean lastMoment;
        synchronized (this) {
            lastMoment = family.deactivationIsLastMoment() && running;
        }
        if (lastMoment) {
            beans.deliverBeforeDeactivation(spec);
            beans.detach(spec);
        } else {
            beans.deactivate(spec);
        }
    }

    /**
     * Before an application stops: its beans get what their buffers hold. When the application is the adapter itself
     * (its RAR undeployed, disabled or redeployed), its stop that follows ends the buffers for good: what no bean took
     * is given up and logged then, not kept for a start that will not come.
     */
    private void deliverBeforeApplicationStops(ClassLoader applicationLoader) {
        beans.deliverBeforeApplicationStops(applicationLoader);
        if (applicationLoader == AdapterRuntime.class.getClassLoader()) { // only the RAR's own: a server's common
            synchronized (this) {                                            // loader stopping must not end the buffers
                adapterStopping = true;
            }
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
     * Buffers with nothing to keep and no bean waiting for them are closed: the next start creates them again with its
     * own defaults.
     */
    private void closeBuffersHoldingNothing() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        Set<String> awaited = beans.awaitedBuffers();
        for (PartitionedBuffer buffer : registry.buffers()) {
            if (buffer.listener() == null && buffer.holdsNothing() && !awaited.contains(buffer.name())) {
                stops.add(registry.remove(buffer.name()));
            }
        }
        BufferWaits.awaitQuietly(CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)),
                BufferWaits.longestTimeoutMs(registry));
    }

    private void awaitStopOfAll() {
        BufferWaits.awaitQuietly(registry.stopAll(), BufferWaits.longestTimeoutMs(registry));
        long remaining = registry.buffers().stream().mapToLong(PartitionedBuffer::held).sum();
        if (remaining > 0) {
            LOG.warning(() -> "Buffers did not finish delivering within " + BufferWaits.longestTimeoutMs(registry) + " ms; "
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

    private static String describe(List<PartitionedBuffer> buffers) {
        long items = buffers.stream().mapToLong(PartitionedBuffer::held).sum();
        return buffers.size() + " buffer(s) holding " + items + " pending item(s) (" + buffers.stream()
                .map(buffer -> buffer.name() + ": " + buffer.held()).collect(Collectors.joining(", ")) + ")";
    }
}
