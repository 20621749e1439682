package org.partitionedbuffer.ra;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferEventListener;
import org.partitionedbuffer.api.BufferMonitoring;
import org.partitionedbuffer.api.BufferView;
import org.partitionedbuffer.ra.inbound.BufferActivationSpec;

// What application code (the metrics jar) sees of a running adapter through BufferMonitoring: its buffers with their
// sizes and listener, and their events, across an adapter restart.
class AdapterMonitoringTest {

    private StartedAdapter started;
    private BufferMonitoring.Registration registration;

    @AfterEach
    void stopEverything() throws Exception {
        if (registration != null) {
            registration.close();
        }
        if (started != null) {
            started.close();
        }
    }

    private static BufferActivationSpec spec(String buffer, String intervalMs) {
        BufferActivationSpec spec = new BufferActivationSpec();
        spec.setBufferName(buffer);
        spec.setPartitions("2");
        spec.setProcessingIntervalMs(intervalMs);
        return spec;
    }

    @Test
    void aRunningAdaptersBuffersAreVisibleWithTheirSizesAndTheirListenersClassLoader() throws Exception {
        started = new StartedAdapter();
        RecordingBean bean = new RecordingBean();
        started.adapter.endpointActivation(new FakeEndpointFactory(bean), spec("monitored-view", "600000"));

        try (BufferConnection connection = started.connectionFactory().getConnection()) {
            connection.pushAll("monitored-view", List.of(1, 2, 3));
        }

        BufferView view = BufferMonitoring.buffer("monitored-view").orElseThrow();
        assertEquals(2, view.partitions());
        assertEquals(3, view.size());
        assertEquals(3, view.size(0) + view.size(1));
        assertEquals(Optional.of(bean.getClass().getClassLoader()), view.listenerClassLoader());
        assertTrue(BufferMonitoring.buffers().contains(view));
    }

    @Test
    void aListenerAddedBeforeTheAdapterStartsSeesStartsDeliveriesAndTheStopsOfTheShutdown() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        registration = BufferMonitoring.addEventListener(new BufferEventListener() {
            @Override
            public void partitionStarted(String buffer, int partition, long systemTimeMillis) {
                events.add("started " + buffer + "/" + partition);
            }

            @Override
            public void processingStopped(String buffer, int partition, int size, int attempt, long nanos) {
                events.add("delivered " + buffer + " " + size);
            }

            @Override
            public void partitionStopped(String buffer, int partition, long durationNanos, String reason) {
                events.add("stopped " + buffer + "/" + partition);
            }
        });
        started = new StartedAdapter();
        started.adapter.endpointActivation(new FakeEndpointFactory(new RecordingBean()),
                spec("monitored-events", "20"));

        try (BufferConnection connection = started.connectionFactory().getConnection()) {
            connection.routedBy(org.partitionedbuffer.api.PartitionKey.of("one")).pushAll("monitored-events",
                    List.of(1, 2, 3));
        }
        await().until(() -> events.contains("delivered monitored-events 3"));
        started.shutDown();
        started = null;

        List<String> seen = events.stream().filter(event -> event.contains("monitored-events")).toList();
        assertEquals(List.of("started monitored-events/0", "started monitored-events/1",
                "delivered monitored-events 3"), seen.subList(0, 3));
        assertEquals(Set.of("stopped monitored-events/0", "stopped monitored-events/1"), Set.copyOf(
                seen.subList(3, seen.size())), "the partitions stop concurrently, in any order");
        assertEquals(5, seen.size());
        assertEquals(Optional.empty(), BufferMonitoring.buffer("monitored-events"));
    }
}
