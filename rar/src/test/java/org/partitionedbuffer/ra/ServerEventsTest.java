package org.partitionedbuffer.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.glassfish.api.event.EventListener;
import org.glassfish.api.event.EventTypes;
import org.glassfish.api.event.Events;
import org.glassfish.internal.api.Globals;
import org.glassfish.internal.data.ApplicationInfo;
import org.glassfish.internal.data.ModuleInfo;
import org.glassfish.internal.deployment.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.ra.inbound.BufferActivationSpec;
import org.partitionedbuffer.core.CapturedLog;

// The server's PREPARE_SHUTDOWN and MODULE_STOPPED events, heard by reflection (stand-ins of the GlassFish classes are
// on the test classpath): absent events mean no listener; each event runs its action, other events do not; a started
// adapter delivers what its buffers hold at shutdown, and what a stopping application's bean listens to before it
// stops; it unregisters its listener when it stops.
class ServerEventsTest {

    private final RecordingEvents events = new RecordingEvents();
    private StartedAdapter started;

    /** The server's event bus: keeps listeners and sends synchronously. */
    private static final class RecordingEvents implements Events {
        final List<EventListener> listeners = new CopyOnWriteArrayList<>();

        @Override
        public void register(EventListener listener) {
            listeners.add(listener);
        }

        @Override
        public boolean unregister(EventListener listener) {
            return listeners.remove(listener);
        }

        @Override
        public void send(EventListener.Event<?> event) {
            listeners.forEach(listener -> listener.event(event));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static EventListener.Event<?> event(EventTypes<?> type) {
        return new EventListener.Event(type);
    }

    @AfterEach
    void removeServerEvents() throws Exception {
        try {
            if (started != null) {
                started.close();
            }
        } finally {
            Globals.installEvents(null);
        }
    }

    @Test
    void withoutServerEventsThereIsNoHook() {
        assertEquals(Optional.empty(), ServerEvents.register(() -> {
        }, loader -> {
        }));
    }

    @Test
    void prepareShutdownRunsTheActionAndOtherEventsDoNot() {
        Globals.installEvents(events);
        AtomicInteger runs = new AtomicInteger();

        Optional<ServerEvents> hook = ServerEvents.register(runs::incrementAndGet, loader -> {
        });

        assertTrue(hook.isPresent());
        events.send(event(EventTypes.SERVER_READY));
        assertEquals(0, runs.get());
        events.send(event(EventTypes.PREPARE_SHUTDOWN));
        assertEquals(1, runs.get());
    }

    @Test
    void unregisterRemovesTheListener() {
        Globals.installEvents(events);
        ServerEvents hook = ServerEvents.register(() -> {
        }, loader -> {
        }).orElseThrow();
        assertEquals(1, events.listeners.size());

        hook.unregister();

        assertTrue(events.listeners.isEmpty());
    }

    @Test
    void atPrepareShutdownTheAdapterDeliversWhatItsBuffersHold() throws Exception {
        Globals.installEvents(events);
        started = new StartedAdapter();
        RecordingBean bean = new RecordingBean();
        BufferActivationSpec spec = new BufferActivationSpec();
        spec.setBufferName("shutdown-flush");
        spec.setPartitions("1");
        spec.setProcessingIntervalMs("60000"); // nothing is delivered on the interval during the test
        started.adapter.endpointActivation(new FakeEndpointFactory(bean), spec);
        List<Object> pushed = IntStream.rangeClosed(1, 5).boxed().map(Object.class::cast).toList();
        try (BufferConnection connection = started.connectionFactory().getConnection()) {
            connection.pushAll("shutdown-flush", pushed);
        }
        assertTrue(bean.items().isEmpty());

        events.send(event(EventTypes.PREPARE_SHUTDOWN)); // synchronous: returns once delivered

        assertEquals(pushed, bean.items());
    }

    @Test
    void beforeAnApplicationStopsItsBeanGetsWhatItsBufferHoldsAndIsDetached() throws Exception {
        Globals.installEvents(events);
        started = new StartedAdapter();
        RecordingBean bean = new RecordingBean();
        FakeEndpointFactory endpoints = new FakeEndpointFactory(bean);
        BufferActivationSpec spec = new BufferActivationSpec();
        spec.setBufferName("undeploy-flush");
        spec.setPartitions("2");
        spec.setProcessingIntervalMs("60000");
        started.adapter.endpointActivation(endpoints, spec);
        List<Object> pushed = IntStream.rangeClosed(1, 50).boxed().map(Object.class::cast).toList();
        try (BufferConnection connection = started.connectionFactory().getConnection()) {
            connection.pushAll("undeploy-flush", pushed);
        }
        ClassLoader otherApplication = new java.net.URLClassLoader(new java.net.URL[0], null);

        events.send(new EventListener.Event<>(Deployment.MODULE_STOPPED, new ApplicationInfo(otherApplication)));
        assertTrue(bean.items().isEmpty(), "another application's stop concerns nothing here");
        events.send(new EventListener.Event<>(Deployment.MODULE_STOPPED, new ModuleInfo()));
        assertTrue(bean.items().isEmpty(), "a module's event carries no application class loader");
        events.send(new EventListener.Event<>(Deployment.MODULE_STOPPED,
                new ApplicationInfo(endpoints.getEndpointClass().getClassLoader())));

        assertEquals(pushed, bean.items().stream().sorted().toList(), "delivered before the event returned");
        assertEquals(null, started.adapter.registry().get("undeploy-flush").listener(), "the bean is detached");
        endpoints.stopContainer();
        started.adapter.endpointDeactivation(endpoints, spec); // what the server calls next: nothing left to do
    }

    @Test
    void whenTheAdapterItselfIsUndeployedWhatNoBeanTookIsGivenUpAndLoggedNotKept() throws Exception {
        Globals.installEvents(events);
        started = new StartedAdapter();
        BufferActivationSpec spec = new BufferActivationSpec();
        spec.setBufferName("rar-undeploy");
        spec.setPartitions("1");
        spec.setProcessingIntervalMs("60000");
        FakeEndpointFactory undeployed = new FakeEndpointFactory(new RecordingBean());
        started.adapter.endpointActivation(undeployed, spec);
        undeployed.stopContainer(); // its application went first
        started.adapter.endpointDeactivation(undeployed, spec);
        try (BufferConnection connection = started.connectionFactory().getConnection()) {
            connection.pushAll("rar-undeploy", List.of(1, 2, 3)); // another producer, with no bean left
        }

        List<String> warnings;
        List<String> infos;
        try (CapturedLog delivery = new CapturedLog("org.partitionedbuffer.core.PartitionDelivery");
             CapturedLog runtime = new CapturedLog(AdapterRuntime.class)) {
            events.send(new EventListener.Event<>(Deployment.MODULE_STOPPED,
                    new ApplicationInfo(AdapterRuntime.class.getClassLoader())));
            started.stopInstance();
            warnings = delivery.records().stream().filter(r -> r.getLevel() == java.util.logging.Level.WARNING)
                    .map(java.util.logging.LogRecord::getMessage).toList();
            infos = runtime.records().stream().map(java.util.logging.LogRecord::getMessage).toList();
        }

        assertEquals(List.of("Buffer 'rar-undeploy' partition 0: gave up a batch of 3 item(s) after 1 attempt(s);"
                + " dropped it"), warnings);
        assertTrue(infos.stream().noneMatch(line -> line.contains("stay in memory")), infos.toString());
    }

    @Test
    void stoppingTheAdapterUnregistersItsHook() throws Exception {
        Globals.installEvents(events);
        started = new StartedAdapter();
        assertEquals(1, events.listeners.size());

        started.adapter.stop();

        assertTrue(events.listeners.isEmpty());
    }
}
