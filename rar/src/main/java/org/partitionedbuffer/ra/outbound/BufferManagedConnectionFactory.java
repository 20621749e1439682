package org.partitionedbuffer.ra.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import java.io.PrintWriter;
import java.util.Set;
import javax.security.auth.Subject;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.core.BufferRegistry;
import org.partitionedbuffer.ra.PartitionedBufferResourceAdapter;

/**
 * Makes the connection factory applications look up, and the managed connections behind its handles. A managed
 * connection holds no external resource (the buffers live in the adapter), so any one matches any request.
 */
@ConnectionDefinition(
        connectionFactory = BufferConnectionFactory.class,
        connectionFactoryImpl = BufferConnectionFactoryImpl.class,
        connection = BufferConnection.class,
        connectionImpl = BufferConnectionHandle.class)
public class BufferManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation {

    private static final long serialVersionUID = 1L;

    private transient PartitionedBufferResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;

    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) {
        return new BufferConnectionFactoryImpl(this, connectionManager);
    }

    /** Outside a server: handles straight from new managed connections. */
    @Override
    public Object createConnectionFactory() {
        return new BufferConnectionFactoryImpl(this, new UnpooledConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) {
        return new BufferManagedConnection(this);
    }

    /** Any of our connections serves any request; an empty or foreign set gives null, never an exception. */
    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set connections, Subject subject, ConnectionRequestInfo info) {
        for (Object candidate : connections) {
            if (candidate instanceof BufferManagedConnection connection && connection.createdBy(this)) {
                return connection;
            }
        }
        return null;
    }

    /** The adapter's buffers; fails with a clear message when the adapter is not started. */
    BufferRegistry registry() {
        if (resourceAdapter == null) {
            throw new org.partitionedbuffer.api.BufferException("This connection factory is not associated with the"
                    + " Partitioned Buffer resource adapter: define it with resourceAdapter = \"partitioned-buffer\"");
        }
        return resourceAdapter.registry();
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter adapter) throws ResourceException {
        if (!(adapter instanceof PartitionedBufferResourceAdapter ours)) {
            throw new jakarta.resource.NotSupportedException("Not the Partitioned Buffer resource adapter: " + adapter);
        }
        this.resourceAdapter = ours;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter logWriter) {
        this.logWriter = logWriter;
    }

    /** Value-based: the factory has no configuration, so all factories of this adapter are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof BufferManagedConnectionFactory that
                && java.util.Objects.equals(resourceAdapter, that.resourceAdapter);
    }

    @Override
    public int hashCode() {
        return BufferManagedConnectionFactory.class.hashCode();
    }
}
