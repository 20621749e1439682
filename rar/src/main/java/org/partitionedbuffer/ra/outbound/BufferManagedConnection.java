package org.partitionedbuffer.ra.outbound;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import org.partitionedbuffer.core.BufferRegistry;

/**
 * The pooled side of a connection: the container keeps it, and hands its handles to applications. It holds no
 * external resource, so cleanup only invalidates the handles and destroy can be called any number of times.
 */
public class BufferManagedConnection implements ManagedConnection {

    private final BufferManagedConnectionFactory factory;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<BufferConnectionHandle> handles = ConcurrentHashMap.newKeySet();
    private volatile PrintWriter logWriter;

    BufferManagedConnection(BufferManagedConnectionFactory factory) {
        this.factory = factory;
    }

    boolean createdBy(BufferManagedConnectionFactory candidate) {
        return factory.equals(candidate);
    }

    BufferRegistry registry() {
        return factory.registry();
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) {
        BufferConnectionHandle handle = new BufferConnectionHandle(this);
        handles.add(handle);
        return handle;
    }

    /** Back to the pool: every handle still out becomes invalid. */
    @Override
    public void cleanup() {
        handles.forEach(BufferConnectionHandle::invalidate);
        handles.clear();
    }

    @Override
    public void destroy() {
        cleanup();
        listeners.clear();
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof BufferConnectionHandle handle)) {
            throw new NotSupportedException("Not a buffer connection handle: " + connection);
        }
        handle.associate(this);
        handles.add(handle);
    }

    /** A handle was closed by the application: tell the container, which returns this connection to the pool. */
    void closed(BufferConnectionHandle handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        for (ConnectionEventListener listener : listeners) {
            listener.connectionClosed(event);
        }
    }

    void moved(BufferConnectionHandle handle) {
        handles.remove(handle);
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("Buffers are not transactional (NoTransaction)");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("Buffers are not transactional (NoTransaction)");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return "Partitioned Buffer";
            }

            @Override
            public String getEISProductVersion() {
                return "1.0";
            }

            @Override
            public int getMaxConnections() {
                return 0; // no limit of its own
            }

            @Override
            public String getUserName() {
                return null;
            }
        };
    }

    @Override
    public void setLogWriter(PrintWriter logWriter) {
        this.logWriter = logWriter;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}
