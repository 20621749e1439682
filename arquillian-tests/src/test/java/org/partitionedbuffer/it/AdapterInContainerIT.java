package org.partitionedbuffer.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.api.BufferEntry;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.api.PartitionKey;
import org.partitionedbuffer.it.app.Buffers;
import org.partitionedbuffer.it.app.Deliveries;
import org.partitionedbuffer.it.app.EventsBean;
import org.partitionedbuffer.it.app.PrecedenceBean;
import org.partitionedbuffer.it.app.PricesBean;
import org.partitionedbuffer.it.app.TableBean;

/**
 * The resource adapter in Payara Micro, seen from inside an application: the factory injected with {@code @Resource},
 * inserts through connection handles, batches delivered to message-driven beans, option precedence, and the JMX view.
 */
@ExtendWith(ArquillianExtension.class)
class AdapterInContainerIT {

    private static final Duration DELIVERY = Duration.ofSeconds(20);

    @Deployment
    static WebArchive application() {
        return TestArchives.war("adapter-it", "partitionedbuffer.it-precedence.processingIntervalMs=150\n",
                Buffers.class, Deliveries.class, EventsBean.class, PricesBean.class, TableBean.class,
                PrecedenceBean.class);
    }

    @Resource(lookup = Buffers.JNDI)
    private BufferConnectionFactory buffers;

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    @Test
    void pushedItemsReachTheMessageDrivenBeanInPushOrderAndInBatchesOfTheConfiguredSize() throws Exception {
        ObjectName events = BufferMBeanNames.of("it-events");
        List<String> pushed = IntStream.range(0, 10).mapToObj(i -> "order-" + i).toList();
        // A long interval while pushing, then one flush: the ten items form one drain, whatever the timing.
        jmx.setAttribute(events, new Attribute("ProcessingIntervalMs", 600_000L));
        try {
            try (BufferConnection connection = buffers.getConnection()) {
                // One static routing key: all ten items in one partition, so their order is the push order.
                BufferConnection onePartition = connection.routedBy(PartitionKey.of("one"));
                pushed.forEach(item -> onePartition.push("it-events", item));
            }
            jmx.invoke(events, "flush", null, null);

            await().atMost(DELIVERY).until(() -> Deliveries.items("it-events").containsAll(pushed));
        } finally {
            jmx.setAttribute(events, new Attribute("ProcessingIntervalMs", 100L));
        }
        List<Batch> ours = Deliveries.batches("it-events").stream()
                .filter(batch -> batch.items().stream().anyMatch(pushed::contains)).toList();
        assertEquals(pushed, ours.stream().flatMap(batch -> batch.items().stream()).toList());
        assertEquals(List.of(3, 3, 3, 1), ours.stream().map(Batch::size).toList());
    }

    @Test
    void aMapBufferKeepsTheLastWriteOfEachKeyAndServesGetAndDeleteBeforeTheDrain() throws Exception {
        try (BufferConnection connection = buffers.getConnection()) {
            connection.put("it-prices", "ACME", 10);
            connection.put("it-prices", "ACME", 11);
            connection.put("it-prices", "INIT", 5);
            assertTrue(connection.putNewer("it-prices", "GLOBEX", 7, 2));
            assertFalse(connection.putNewer("it-prices", "GLOBEX", 6, 1));
            assertEquals(Optional.of(11), connection.get("it-prices", "ACME"));
            assertTrue(connection.delete("it-prices", "INIT"));
            assertEquals(2, connection.size("it-prices"));
        }

        jmx.invoke(BufferMBeanNames.of("it-prices"), "flush", null, null);

        await().atMost(DELIVERY).until(() -> Deliveries.items("it-prices").size() == 2);
        assertEquals(Map.of("ACME", 11, "GLOBEX", 7), Deliveries.batches("it-prices").stream()
                .flatMap(batch -> batch.entries().stream())
                .collect(java.util.stream.Collectors.toMap(BufferEntry::key, BufferEntry::value)));
    }

    @Test
    void tableModeHandsEverythingAPartitionDrainedToOneCall() throws Exception {
        try (BufferConnection connection = buffers.getConnection()) {
            connection.routedBy(PartitionKey.of("all")).pushAll("it-table", IntStream.range(0, 25).boxed().toList());
        }
        jmx.invoke(BufferMBeanNames.of("it-table"), "flush", null, null);

        await().atMost(DELIVERY).until(() -> !Deliveries.batches("it-table").isEmpty());
        assertEquals(List.of(25), Deliveries.batchSizes("it-table"));
    }

    @Test
    void microProfileConfigBeatsActivationPropertiesWhichBeatTheAdapterDefaults() throws Exception {
        ObjectName precedence = BufferMBeanNames.of("it-precedence");
        assertEquals(150L, jmx.getAttribute(precedence, "ProcessingIntervalMs"), "MicroProfile Config");
        assertEquals("7", jmx.getAttribute(precedence, "ProcessingBatchSize"), "activation property");
        assertEquals(45000L, jmx.getAttribute(precedence, "ProcessingTimeoutMs"), "resource adapter default");
        assertEquals(2, jmx.getAttribute(precedence, "MaxRetries"), "resource adapter default");
        assertEquals(1000L, jmx.getAttribute(precedence, "RetryBackoffMs"), "engine default");
    }

    @Test
    void theMBeanShowsSizesAndCountersAndChangesOptionsAtRuntime() throws Exception {
        ObjectName events = BufferMBeanNames.of("it-events");
        assertEquals("queue", jmx.getAttribute(events, "BufferType"));
        assertEquals(2, jmx.getAttribute(events, "Partitions"));
        jmx.setAttribute(events, new Attribute("ProcessingIntervalMs", 600_000L));
        try {
            long processedBefore = (Long) jmx.getAttribute(events, "Processed");
            try (BufferConnection connection = buffers.getConnection()) {
                connection.pushAll("it-events", List.of("a", "b", "c", "d", "e"));
            }
            assertEquals(5L, jmx.getAttribute(events, "Size"));
            long[] sizes = (long[]) jmx.getAttribute(events, "PartitionSizes");
            assertEquals(2, sizes.length);
            assertEquals(5L, sizes[0] + sizes[1]);

            jmx.invoke(events, "flush", null, null);

            await().atMost(DELIVERY).until(() -> (Long) jmx.getAttribute(events, "Processed") == processedBefore + 5);
            assertEquals(0L, jmx.getAttribute(events, "Size"));
            assertArrayEquals(new long[] {0, 0}, (long[]) jmx.getAttribute(events, "PartitionSizes"));
        } finally {
            jmx.setAttribute(events, new Attribute("ProcessingIntervalMs", 100L));
        }
    }

    @Test
    void anInvalidOptionSetThroughJmxIsRefusedWithTheEnginesMessage() throws Exception {
        Exception refused = assertThrows(Exception.class,
                () -> jmx.setAttribute(BufferMBeanNames.of("it-events"), new Attribute("ProcessingBatchSize", "x")));
        String message = String.valueOf(rootCause(refused).getMessage());
        assertTrue(message.contains("processingBatchSize=x") && message.contains("it-events"), message);
        assertEquals("3", jmx.getAttribute(BufferMBeanNames.of("it-events"), "ProcessingBatchSize"));
    }

    @Test
    void aClosedHandleRefusesEveryCall() {
        BufferConnection connection = buffers.getConnection();
        BufferConnection view = connection.routedBy(PartitionKey.of("x"));
        connection.close();

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> connection.push("it-events", "late"));
        assertTrue(refused.getMessage().contains("closed"), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> view.size("it-events"));
        connection.close(); // closing twice is harmless
    }

    @Test
    void routingFollowsThePartitionKeyOfTheHandle() {
        try (BufferConnection connection = buffers.getConnection()) {
            BufferConnection byKey = connection.routedBy(PartitionKey.of("same"));
            int partition = byKey.partitionOf("it-events", "anything");
            for (int i = 0; i < 20; i++) {
                assertEquals(partition, byKey.partitionOf("it-events", "object-" + i));
            }
            assertTrue(connection.partitionOf("it-events", "x") >= 0 && connection.partitionOf("it-events", "x") < 2);
        }
    }

    @Test
    void anUnknownBufferOrAnOperationOfTheOtherTypeIsRefusedWithAMessageSayingWhatToDo() {
        try (BufferConnection connection = buffers.getConnection()) {
            BufferException unknown = assertThrows(BufferException.class, () -> connection.push("nope", 1));
            assertTrue(unknown.getMessage().contains("'nope'") && unknown.getMessage().contains("bufferName=nope"),
                    unknown.getMessage());
            BufferException wrongType = assertThrows(BufferException.class,
                    () -> connection.put("it-events", "k", "v"));
            assertTrue(wrongType.getMessage().contains("queue buffer"), wrongType.getMessage());
            assertThrows(NullPointerException.class, () -> connection.push("it-events", null));
        }
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
