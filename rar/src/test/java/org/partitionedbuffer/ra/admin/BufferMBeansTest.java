package org.partitionedbuffer.ra.admin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.api.BufferFullException;
import org.partitionedbuffer.core.BufferOptions;
import org.partitionedbuffer.core.ExecutorBufferScheduler;
import org.partitionedbuffer.core.PartitionedBuffer;
import org.partitionedbuffer.core.QueueBuffer;

/**
 * The JMX view of a buffer, on a private MBean server: the contract's name, counters that match the engine's (also
 * rejections), options written through attributes with the engine's validation, and unregistration.
 */
class BufferMBeansTest {

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final ScheduledExecutorService threads = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private QueueBuffer buffer(String name) {
        return (QueueBuffer) PartitionedBuffer.create(BufferOptions.builder(name).partitions(2).capacity(2)
                .processingIntervalMs(600_000).build(), new ExecutorBufferScheduler(threads));
    }

    @Test
    void theMBeanShowsTheBuffersCountersIncludingItemsRefusedAtCapacity() throws Exception {
        QueueBuffer buffer = buffer("orders");
        BufferMBeans mbeans = new BufferMBeans(server);
        mbeans.register(buffer);
        ObjectName name = new ObjectName("org.partitionedbuffer:type=Buffer,name=orders");

        buffer.push("a");
        buffer.push("b");
        assertThrows(BufferFullException.class, () -> buffer.push("c"));

        assertEquals("queue", server.getAttribute(name, "BufferType"));
        assertEquals(2, server.getAttribute(name, "Partitions"));
        assertEquals(2L, server.getAttribute(name, "Size"));
        assertEquals(2L, server.getAttribute(name, "Inserted"));
        assertEquals(1L, server.getAttribute(name, "Rejected"));
        assertEquals(0L, server.getAttribute(name, "Failures"));
        long[] sizes = (long[]) server.getAttribute(name, "PartitionSizes");
        assertArrayEquals(buffer.partitionSizes(), sizes);
    }

    @Test
    void anOptionWrittenThroughJmxIsValidatedByTheEngine() throws Exception {
        QueueBuffer buffer = buffer("audit");
        new BufferMBeans(server).register(buffer);
        ObjectName name = BufferMBeans.objectName("audit");

        server.setAttribute(name, new Attribute("ProcessingBatchSize", "table"));
        assertTrue(buffer.options().tableMode());

        Exception refused = assertThrows(Exception.class,
                () -> server.setAttribute(name, new Attribute("Capacity", -1L)));
        Throwable cause = refused;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertTrue(cause.getMessage().contains("capacity=-1") && cause.getMessage().contains("'audit'"),
                cause.getMessage());
        assertEquals(2L, buffer.options().capacity());
    }

    @Test
    void flushAndWaitReturnsOnceWhatTheBufferHeldWasDelivered() throws Exception {
        QueueBuffer buffer = buffer("outbox");
        List<Object> delivered = new CopyOnWriteArrayList<>();
        buffer.attach(batch -> delivered.addAll(batch.items()));
        buffer.start();
        new BufferMBeans(server).register(buffer);
        buffer.push("a");
        buffer.push("b");

        Object done = server.invoke(BufferMBeans.objectName("outbox"), "flushAndWait", new Object[] {10_000L},
                new String[] {"long"});

        assertEquals(true, done);
        assertEquals(List.of("a", "b"), delivered.stream().sorted().toList(), "delivered before it returned");
    }

    @Test
    void unregisterAllRemovesEveryBuffersMBean() throws Exception {
        BufferMBeans mbeans = new BufferMBeans(server);
        mbeans.register(buffer("one"));
        mbeans.register(buffer("two"));

        mbeans.unregisterAll();

        assertFalse(server.isRegistered(BufferMBeans.objectName("one")));
        assertFalse(server.isRegistered(BufferMBeans.objectName("two")));
    }
}
