package org.partitionedbuffer.ra.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.ra.PartitionedBufferResourceAdapter;

// The managed connection factory as a pooling server uses it: matching never throws (null for an empty or foreign
// set, any of its own connections otherwise), equality is by value through the adapter's configuration, and the
// connection factory it makes allocates through the server's ConnectionManager.
class BufferManagedConnectionFactoryTest {

    private static BufferManagedConnectionFactory factoryOf(PartitionedBufferResourceAdapter adapter)
            throws ResourceException {
        BufferManagedConnectionFactory factory = new BufferManagedConnectionFactory();
        factory.setResourceAdapter(adapter);
        return factory;
    }

    private static PartitionedBufferResourceAdapter adapterWithInterval(String interval) {
        PartitionedBufferResourceAdapter adapter = new PartitionedBufferResourceAdapter();
        adapter.setDefaultProcessingIntervalMs(interval);
        return adapter;
    }

    /** The server's pool, for tests: records what it is asked to allocate; may fail. */
    private static final class RecordingConnectionManager implements ConnectionManager {
        final List<ManagedConnectionFactory> asked = new CopyOnWriteArrayList<>();
        final Object handle;
        final ResourceException failure;

        RecordingConnectionManager(Object handle, ResourceException failure) {
            this.handle = handle;
            this.failure = failure;
        }

        @Override
        public Object allocateConnection(ManagedConnectionFactory factory, ConnectionRequestInfo info)
                throws ResourceException {
            asked.add(factory);
            if (failure != null) {
                throw failure;
            }
            return handle;
        }
    }

    /** Another adapter's managed connection, as a server sharing one pool set could offer. */
    private static final class ForeignAdapter implements ResourceAdapter {
        @Override
        public void start(BootstrapContext context) {
        }

        @Override
        public void stop() {
        }

        @Override
        public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) {
        }

        @Override
        public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        }

        @Override
        public XAResource[] getXAResources(ActivationSpec[] specs) {
            return new XAResource[0];
        }
    }

    @Test
    void matchingAnEmptySetGivesNull() throws Exception {
        BufferManagedConnectionFactory factory = factoryOf(new PartitionedBufferResourceAdapter());

        assertNull(factory.matchManagedConnections(Set.of(), null, null));
    }

    @Test
    void matchingASetOfForeignObjectsGivesNull() throws Exception {
        BufferManagedConnectionFactory factory = factoryOf(new PartitionedBufferResourceAdapter());

        assertNull(factory.matchManagedConnections(Set.of("not a connection", 42), null, null));
    }

    @Test
    void matchingFindsItsOwnConnection() throws Exception {
        BufferManagedConnectionFactory factory = factoryOf(new PartitionedBufferResourceAdapter());
        ManagedConnection own = factory.createManagedConnection(null, null);
        Set<Object> candidates = new HashSet<>(List.of("foreign", own));

        assertSame(own, factory.matchManagedConnections(candidates, null, null));
    }

    @Test
    void matchingTakesAConnectionOfAnEqualFactory() throws Exception {
        BufferManagedConnectionFactory factory = factoryOf(new PartitionedBufferResourceAdapter());
        ManagedConnection fromTwin = factoryOf(new PartitionedBufferResourceAdapter())
                .createManagedConnection(null, null);

        assertSame(fromTwin, factory.matchManagedConnections(Set.of(fromTwin), null, null));
    }

    @Test
    void matchingSkipsAConnectionOfADifferentlyConfiguredFactory() throws Exception {
        BufferManagedConnectionFactory factory = factoryOf(adapterWithInterval("100"));
        ManagedConnection other = factoryOf(adapterWithInterval("200")).createManagedConnection(null, null);

        assertNull(factory.matchManagedConnections(Set.of(other), null, null));
    }

    @Test
    void factoriesOfEqualAdaptersAreEqualWithEqualHashCodes() throws Exception {
        BufferManagedConnectionFactory first = factoryOf(adapterWithInterval("100"));
        BufferManagedConnectionFactory second = factoryOf(adapterWithInterval("100"));

        assertEquals(first, second);
        assertEquals(first.hashCode(), second.hashCode());
    }

    @Test
    void factoriesOfDifferentlyConfiguredAdaptersDiffer() throws Exception {
        assertNotEquals(factoryOf(adapterWithInterval("100")), factoryOf(adapterWithInterval("200")));
        assertNotEquals(factoryOf(adapterWithInterval("100")), new BufferManagedConnectionFactory());
        assertNotEquals(factoryOf(adapterWithInterval("100")), "a string");
    }

    @Test
    void refusesAnotherResourceAdapter() {
        BufferManagedConnectionFactory factory = new BufferManagedConnectionFactory();

        assertThrows(NotSupportedException.class, () -> factory.setResourceAdapter(new ForeignAdapter()));
    }

    @Test
    void remembersItsResourceAdapter() throws Exception {
        PartitionedBufferResourceAdapter adapter = new PartitionedBufferResourceAdapter();

        assertSame(adapter, factoryOf(adapter).getResourceAdapter());
    }

    @Test
    void aHandleOfAFactoryWithoutAdapterSaysHowToAssociateIt() throws Exception {
        BufferManagedConnectionFactory factory = new BufferManagedConnectionFactory();
        BufferConnection handle = (BufferConnection) factory.createManagedConnection(null, null)
                .getConnection(null, null);

        BufferException e = assertThrows(BufferException.class, () -> handle.push("orders", "item"));

        assertTrue(e.getMessage().contains("resourceAdapter = \"partitioned-buffer\""), e.getMessage());
    }

    @Test
    void aHandleOfANotStartedAdapterSaysItIsNotStarted() throws Exception {
        BufferConnection handle = (BufferConnection) factoryOf(new PartitionedBufferResourceAdapter())
                .createManagedConnection(null, null).getConnection(null, null);

        BufferException e = assertThrows(BufferException.class, () -> handle.size("orders"));

        assertTrue(e.getMessage().contains("not started"), e.getMessage());
    }

    @Test
    void connectionFactoryAllocatesThroughTheServersConnectionManager() throws Exception {
        BufferManagedConnectionFactory factory = factoryOf(new PartitionedBufferResourceAdapter());
        BufferConnection handle = (BufferConnection) factory.createManagedConnection(null, null)
                .getConnection(null, null);
        RecordingConnectionManager manager = new RecordingConnectionManager(handle, null);

        BufferConnectionFactory connections = (BufferConnectionFactory) factory.createConnectionFactory(manager);

        assertSame(handle, connections.getConnection());
        assertEquals(List.of(factory), manager.asked);
    }

    @Test
    void aConnectionManagerFailureBecomesABufferExceptionWithTheCause() throws Exception {
        ResourceException failure = new ResourceException("pool exhausted");
        BufferConnectionFactory connections = (BufferConnectionFactory) factoryOf(
                new PartitionedBufferResourceAdapter()).createConnectionFactory(
                new RecordingConnectionManager(null, failure));

        BufferException e = assertThrows(BufferException.class, connections::getConnection);

        assertSame(failure, e.getCause());
        assertTrue(e.getMessage().contains("pool exhausted"), e.getMessage());
    }

    @Test
    void unpooledConnectionFactoryGivesANewHandleEachTime() throws Exception {
        BufferConnectionFactory connections = (BufferConnectionFactory) factoryOf(
                new PartitionedBufferResourceAdapter()).createConnectionFactory();

        BufferConnection first = connections.getConnection();
        BufferConnection second = connections.getConnection();

        assertInstanceOf(BufferConnectionHandle.class, first);
        assertNotEquals(first, second);
    }
}
