package org.partitionedbuffer.ra.outbound;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferEntry;
import org.partitionedbuffer.api.BufferType;
import org.partitionedbuffer.api.PartitionKey;
import org.partitionedbuffer.core.BufferOptions;
import org.partitionedbuffer.core.PartitionedBuffer;
import org.partitionedbuffer.ra.RecordingBean;
import org.partitionedbuffer.ra.StartedAdapter;

// The managed connection and its handles, on a started adapter: a handle reaches the buffers; close() tells the
// container (CONNECTION_CLOSED with the handle) once; a closed or cleaned-up handle, and every routedBy view of it,
// refuses every call; destroy() is idempotent; associateConnection moves a handle; there are no transactions.
class BufferManagedConnectionTest {

    private static final String QUEUE = "outbound-orders";
    private static final String MAP = "outbound-prices";

    private StartedAdapter started;
    private BufferManagedConnection connection;
    private final RecordingConnectionListener listener = new RecordingConnectionListener();

    @BeforeEach
    void startAdapterWithTwoBuffers() throws Exception {
        started = new StartedAdapter();
        // Long intervals: what a test inserts stays pending (and is delivered to the bean at stop).
        for (BufferOptions options : List.of(
                BufferOptions.builder(QUEUE).partitions(2).processingIntervalMs(60_000).build(),
                BufferOptions.builder(MAP).type(BufferType.MAP).partitions(2).processingIntervalMs(60_000).build())) {
            PartitionedBuffer buffer = started.adapter.registry().create(options);
            buffer.attach(new RecordingBean());
        }
        connection = (BufferManagedConnection) started.managedConnectionFactory().createManagedConnection(null, null);
        connection.addConnectionEventListener(listener);
    }

    @AfterEach
    void stopAdapter() throws Exception {
        started.close();
    }

    private BufferConnection handle() {
        return (BufferConnection) connection.getConnection(null, null);
    }

    /** Every call of the BufferConnection interface but close(), each on valid arguments. */
    private static final Map<String, Consumer<BufferConnection>> CALLS = Map.ofEntries(
            Map.entry("push", c -> c.push(QUEUE, "item")),
            Map.entry("pushAll", c -> c.pushAll(QUEUE, List.of("a", "b"))),
            Map.entry("put", c -> c.put(MAP, "key", "value")),
            Map.entry("putAll", c -> c.putAll(MAP, Map.of("key", "value"))),
            Map.entry("putNewer", c -> c.putNewer(MAP, "key", "value", 1)),
            Map.entry("putAllNewer", c -> c.putAllNewer(MAP, List.of(new BufferEntry("key", "value", 2, 1)))),
            Map.entry("get", c -> c.get(MAP, "key")),
            Map.entry("delete", c -> c.delete(MAP, "key")),
            Map.entry("routedBy", c -> c.routedBy(PartitionKey.of("customer-1"))),
            Map.entry("partitionOf", c -> c.partitionOf(QUEUE, "item")),
            Map.entry("size", c -> c.size(QUEUE)),
            Map.entry("updateOptions", c -> c.updateOptions(QUEUE, Map.of("maxRetries", "2"))));

    private static void assertEveryCallRefusedAsClosed(BufferConnection handle) {
        CALLS.forEach((name, call) -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> call.accept(handle), name);
            assertTrue(e.getMessage().contains("closed"), () -> name + ": " + e.getMessage());
        });
    }

    @Test
    void everyCallOfTheInterfaceIsCoveredHere() {
        // So that a method added to BufferConnection gets a closed-handle check in the tests too.
        long methods = java.util.Arrays.stream(BufferConnection.class.getMethods())
                .filter(m -> !m.getName().equals("close")).map(java.lang.reflect.Method::getName).distinct().count();
        assertEquals(methods, CALLS.size());
    }

    @Test
    void anOpenHandleAcceptsEveryCall() {
        BufferConnection handle = handle();
        CALLS.forEach((name, call) -> assertDoesNotThrow(() -> call.accept(handle), name));
    }

    @Test
    void aHandleReachesTheAdaptersBuffers() {
        try (BufferConnection handle = handle()) {
            handle.push(QUEUE, "first");
            handle.pushAll(QUEUE, List.of("second", "third"));
            handle.put(MAP, "EUR", 1.1);

            assertEquals(3, handle.size(QUEUE));
            assertEquals(Optional.of(1.1), handle.get(MAP, "EUR"));
            assertEquals(3, started.adapter.registry().get(QUEUE).size());
        }
    }

    @Test
    void aRoutedByViewRoutesWithItsKey() {
        BufferConnection handle = handle();
        BufferConnection routed = handle.routedBy(PartitionKey.of("customer-1"));
        int partition = routed.partitionOf(QUEUE, "anything");

        for (int i = 0; i < 20; i++) {
            assertEquals(partition, routed.partitionOf(QUEUE, "item-" + i));
        }
        routed.pushAll(QUEUE, List.of("x", "y", "z"));
        assertEquals(3, started.adapter.registry().get(QUEUE).partitionSizes()[partition]);
    }

    @Test
    void closeFiresConnectionClosedWithTheHandle() {
        RecordingConnectionListener second = new RecordingConnectionListener();
        connection.addConnectionEventListener(second);
        BufferConnection handle = handle();

        handle.close();

        for (RecordingConnectionListener each : List.of(listener, second)) {
            assertEquals(1, each.events.size());
            ConnectionEvent event = each.events.get(0);
            assertEquals(ConnectionEvent.CONNECTION_CLOSED, event.getId());
            assertSame(handle, event.getConnectionHandle());
            assertSame(connection, event.getSource());
        }
    }

    @Test
    void aRemovedListenerIsNotTold() {
        connection.removeConnectionEventListener(listener);

        handle().close();

        assertTrue(listener.events.isEmpty());
    }

    @Test
    void everyCallOnAClosedHandleSaysItIsClosed() {
        BufferConnection handle = handle();

        handle.close();

        assertEveryCallRefusedAsClosed(handle);
    }

    @Test
    void everyCallOnARoutedByViewOfAClosedHandleSaysItIsClosed() {
        BufferConnection handle = handle();
        BufferConnection routed = handle.routedBy(PartitionKey.of("customer-1"));

        handle.close();

        assertEveryCallRefusedAsClosed(routed);
    }

    @Test
    void closingARoutedByViewClosesTheHandleAndReportsTheHandle() {
        BufferConnection handle = handle();
        BufferConnection routed = handle.routedBy(PartitionKey.of("customer-1"));

        routed.close();

        assertEveryCallRefusedAsClosed(handle);
        assertEquals(1, listener.events.size());
        assertSame(handle, listener.events.get(0).getConnectionHandle());
    }

    @Test
    void closingTwiceIsHarmlessAndReportsOnce() {
        BufferConnection handle = handle();
        BufferConnection routed = handle.routedBy(PartitionKey.item());

        handle.close();
        assertDoesNotThrow(handle::close);
        assertDoesNotThrow(routed::close);

        assertEquals(1, listener.events.size());
    }

    @Test
    void closingOneHandleLeavesTheOtherHandlesOfTheConnectionOpen() {
        BufferConnection first = handle();
        BufferConnection second = handle();

        first.close();

        assertDoesNotThrow(() -> second.push(QUEUE, "still open"));
    }

    @Test
    void cleanupInvalidatesHandlesStillOut() {
        BufferConnection first = handle();
        BufferConnection second = handle();
        BufferConnection routed = first.routedBy(PartitionKey.item());

        connection.cleanup();

        assertEveryCallRefusedAsClosed(first);
        assertEveryCallRefusedAsClosed(second);
        assertEveryCallRefusedAsClosed(routed);
        assertTrue(listener.events.isEmpty(), "cleanup comes from the container: nothing to report back");
    }

    @Test
    void closingAHandleInvalidatedByCleanupReportsNothing() {
        BufferConnection handle = handle();
        connection.cleanup();

        handle.close();

        assertTrue(listener.events.isEmpty());
    }

    @Test
    void aConnectionCleanedUpGivesWorkingHandlesAgain() {
        handle();
        connection.cleanup();

        BufferConnection next = handle();

        assertDoesNotThrow(() -> next.push(QUEUE, "after cleanup"));
    }

    @Test
    void destroyInvalidatesHandlesAndCanBeCalledAgain() {
        BufferConnection handle = handle();

        connection.destroy();
        assertDoesNotThrow(connection::destroy);

        assertEveryCallRefusedAsClosed(handle);
    }

    @Test
    void associateConnectionMovesAHandle() throws Exception {
        BufferManagedConnection other = (BufferManagedConnection) started.managedConnectionFactory()
                .createManagedConnection(null, null);
        RecordingConnectionListener otherListener = new RecordingConnectionListener();
        other.addConnectionEventListener(otherListener);
        BufferConnection handle = handle();

        other.associateConnection(handle);

        connection.cleanup(); // the old connection no longer owns the handle
        assertDoesNotThrow(() -> handle.push(QUEUE, "moved"));
        handle.close();
        assertTrue(listener.events.isEmpty());
        assertEquals(1, otherListener.events.size());
        assertSame(other, otherListener.events.get(0).getSource());
        assertSame(handle, otherListener.events.get(0).getConnectionHandle());
    }

    @Test
    void aMovedHandleIsInvalidatedByItsNewConnectionsCleanup() throws Exception {
        BufferManagedConnection other = (BufferManagedConnection) started.managedConnectionFactory()
                .createManagedConnection(null, null);
        BufferConnection handle = handle();
        other.associateConnection(handle);

        other.cleanup();

        assertEveryCallRefusedAsClosed(handle);
    }

    @Test
    void associateConnectionRefusesAForeignObject() {
        ResourceException e = assertThrows(ResourceException.class, () -> connection.associateConnection("foreign"));
        assertTrue(e instanceof NotSupportedException, e.toString());
    }

    @Test
    void thereIsNoXaResource() {
        assertThrows(NotSupportedException.class, connection::getXAResource);
    }

    @Test
    void thereIsNoLocalTransaction() {
        assertThrows(NotSupportedException.class, connection::getLocalTransaction);
    }

    @Test
    void metaDataNamesTheProduct() throws Exception {
        assertEquals("Partitioned Buffer", connection.getMetaData().getEISProductName());
    }

    @Test
    void aHandleAfterTheAdapterStoppedSaysTheAdapterIsNotStarted() throws Exception {
        BufferConnection handle = handle();

        started.adapter.stop();

        Exception e = assertThrows(RuntimeException.class, () -> handle.push(QUEUE, "late"));
        assertTrue(e.getMessage().contains("not started"), e.getMessage());
    }
}
