package org.partitionedbuffer.ra.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import javax.naming.Reference;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.api.BufferException;

/** What applications inject: hands out connection handles through the server's connection manager (its pool). */
public class BufferConnectionFactoryImpl implements BufferConnectionFactory {

    private static final long serialVersionUID = 1L;

    private final BufferManagedConnectionFactory managedConnectionFactory;
    private final ConnectionManager connectionManager;
    private Reference reference;

    BufferConnectionFactoryImpl(BufferManagedConnectionFactory managedConnectionFactory,
                                ConnectionManager connectionManager) {
        this.managedConnectionFactory = managedConnectionFactory;
        this.connectionManager = connectionManager;
    }

    @Override
    public BufferConnection getConnection() {
        try {
            return (BufferConnection) connectionManager.allocateConnection(managedConnectionFactory, null);
        } catch (ResourceException e) {
            throw new BufferException("No buffer connection could be allocated: " + e.getMessage()
                    + " If the resource adapter was just reconfigured, look this connection factory up again in"
                    + " JNDI (Payara reloads a pool created with asadmin when its resource is looked up); otherwise"
                    + " check that partitioned-buffer.rar is deployed and started. Nothing was inserted.", e);
        }
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
