package org.partitionedbuffer.ra;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.ra.inbound.BufferActivationSpec;
import org.partitionedbuffer.core.CapturedLog;

// What a reconfiguration does to the adapter (the server deactivates the beans, stops the instance, starts a new one
// with the new properties, activates the beans again) loses nothing: items pending with no bean stay for the next
// instance, the new defaults apply, and a connection factory made with the old instance keeps working. Servers that
// start several instances (WildFly: one per connection factory definition) share one set of buffers.
class AdapterRestartTest {

    private final List<StartedAdapter> started = new ArrayList<>();

    @AfterEach
    void stopAdapters() throws Exception {
        for (StartedAdapter adapter : started) {
            adapter.close();
        }
    }

    private StartedAdapter start(String defaultIntervalMs) throws Exception {
        PartitionedBufferResourceAdapter adapter = new PartitionedBufferResourceAdapter();
        adapter.setDefaultProcessingIntervalMs(defaultIntervalMs);
        StartedAdapter running = new StartedAdapter(adapter);
        started.add(running);
        return running;
    }

    private static BufferActivationSpec spec(String buffer) {
        BufferActivationSpec spec = new BufferActivationSpec();
        spec.setBufferName(buffer);
        spec.setPartitions("2");
        spec.setProcessingBatchSize("100");
        return spec;
    }

    private static List<Object> numbers(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().map(Object.class::cast).toList();
    }

    private static void push(BufferConnectionFactory factory, String buffer, List<Object> items) throws Exception {
        try (BufferConnection connection = factory.getConnection()) {
            connection.pushAll(buffer, items);
        }
    }

    /** What Payara does on a reconfiguration: deactivates the bean (its container runs on), stops, starts another. */
    private StartedAdapter reconfigure(StartedAdapter running, BufferActivationSpec activation,
                                       String newDefaultIntervalMs, List<LogRecord> stopLog) throws Exception {
        try (CapturedLog captured = new CapturedLog(AdapterRuntime.class)) {
            running.adapter.endpointDeactivation(null, activation);
            running.stopInstance();
            started.remove(running);
            stopLog.addAll(captured.records());
        }
        return start(newDefaultIntervalMs);
    }

    @Test
    void aReconfigurationLosesNothingTheBeanGetsBackItsBufferWithTheNewDefaultsAndOldFactoriesWork()
            throws Exception {
        StartedAdapter first = start("3600000");
        BufferConnectionFactory oldFactory = first.connectionFactory();
        RecordingBean bean = new RecordingBean();
        BufferActivationSpec activation = spec("restart-events");
        first.adapter.endpointActivation(new FakeEndpointFactory(bean), activation);
        push(oldFactory, "restart-events", numbers(1, 500));
        List<LogRecord> stopLog = new ArrayList<>();

        StartedAdapter second = reconfigure(first, activation, "50", stopLog);

        assertEquals(List.of(), stopLog.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogRecord::getMessage).toList(), "nothing is given up");
        assertTrue(stopLog.stream().anyMatch(r -> r.getMessage().contains("holding 500 pending item(s)")
                && r.getMessage().contains("stay in memory for its next start")), "the log says what is kept");
        await().until(() -> bean.items().size() == 500); // no new activation: the server never sends one
        push(oldFactory, "restart-events", numbers(501, 600)); // a factory made with the first instance
        await().until(() -> bean.items().size() == 600);
        assertEquals(numbers(1, 600), bean.items().stream().sorted().toList(), "each item once");
        assertEquals("50", second.adapter.registry().get("restart-events").options().asMap()
                .get("processingIntervalMs"), "the new default applies");
    }

    @Test
    void aSecondReconfigurationWithoutDeactivationLosesNothingEither() throws Exception {
        StartedAdapter first = start("3600000");
        RecordingBean bean = new RecordingBean();
        BufferActivationSpec activation = spec("restart-twice");
        first.adapter.endpointActivation(new FakeEndpointFactory(bean), activation);
        push(first.connectionFactory(), "restart-twice", numbers(1, 100));
        StartedAdapter second = reconfigure(first, activation, "3600000", new ArrayList<>());
        await().until(() -> bean.items().size() == 100);
        push(second.connectionFactory(), "restart-twice", numbers(101, 200));

        // Payara deactivates only the beans the stopping instance activated: none, this time.
        second.stopInstance();
        started.remove(second);
        StartedAdapter third = start("50");
        push(third.connectionFactory(), "restart-twice", numbers(201, 300));

        await().until(() -> bean.items().size() == 300);
        assertEquals(numbers(1, 300), bean.items().stream().sorted().toList(), "each item once");
    }

    @Test
    void itemsKeptWhenTheAdapterStopsAfterItsBeanWentReachTheNextBeanOnce() throws Exception {
        StartedAdapter first = start("3600000");
        BufferConnectionFactory oldFactory = first.connectionFactory();
        FakeEndpointFactory undeployed = new FakeEndpointFactory(new RecordingBean());
        BufferActivationSpec activation = spec("restart-kept");
        first.adapter.endpointActivation(undeployed, activation);
        push(oldFactory, "restart-kept", numbers(1, 300));
        undeployed.stopContainer(); // its application is undeployed
        List<LogRecord> stopLog = new ArrayList<>();

        StartedAdapter second = reconfigure(first, activation, "50", stopLog);
        assertEquals(null, second.adapter.registry().get("restart-kept").listener(),
                "a bean whose container had stopped is not attached again");
        RecordingBean next = new RecordingBean();
        second.adapter.endpointActivation(new FakeEndpointFactory(next), spec("restart-kept"));

        await().until(() -> next.items().size() == 300);
        assertEquals(numbers(1, 300), next.items().stream().sorted().toList());
    }

    @Test
    void twoInstancesShareOneSetOfBuffersAndTheSecondCarriesOnWhenTheFirstStops() throws Exception {
        StartedAdapter first = start("50");
        StartedAdapter second = start("50");
        RecordingBean bean = new RecordingBean();
        first.adapter.endpointActivation(new FakeEndpointFactory(bean), spec("shared-events"));

        push(second.connectionFactory(), "shared-events", numbers(1, 10));
        await().until(() -> bean.items().size() == 10);
        first.stopInstance();
        started.remove(first);
        push(second.connectionFactory(), "shared-events", numbers(11, 20));

        await().until(() -> bean.items().size() == 20);
        assertEquals(numbers(1, 20), bean.items().stream().sorted().toList());
    }

    @Test
    void aBeanStillAttachedWhenTheLastInstanceStopsGetsWhatItsBufferHoldsFirst() throws Exception {
        StartedAdapter only = start("3600000");
        RecordingBean bean = new RecordingBean();
        only.adapter.endpointActivation(new FakeEndpointFactory(bean), spec("attached-events"));
        push(only.connectionFactory(), "attached-events", numbers(1, 300));

        only.close();
        started.remove(only);

        assertEquals(numbers(1, 300), bean.items().stream().sorted().toList());
    }
}
