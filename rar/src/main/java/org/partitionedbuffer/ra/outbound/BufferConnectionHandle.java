package org.partitionedbuffer.ra.outbound;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferEntry;
import org.partitionedbuffer.api.PartitionKey;
import org.partitionedbuffer.core.BufferRegistry;

/**
 * The connection an application holds: every call checks that the handle is still valid, then goes to the named
 * buffer. {@link #routedBy} views share the handle's state, so closing any of them closes all.
 */
public class BufferConnectionHandle implements BufferConnection {

    /** What a handle and its routedBy views share. */
    private static final class State {
        // The managed connection, null once closed or invalidated; swapped atomically so one close fires one event.
        final AtomicReference<BufferManagedConnection> connection;
        final BufferConnectionHandle primary;

        State(BufferManagedConnection connection, BufferConnectionHandle primary) {
            this.connection = new AtomicReference<>(connection);
            this.primary = primary;
        }
    }

    private final State state;
    private final PartitionKey routing; // null: each buffer's own routing

    BufferConnectionHandle(BufferManagedConnection connection) {
        this.state = new State(connection, this);
        this.routing = null;
    }

    private BufferConnectionHandle(State state, PartitionKey routing) {
        this.state = state;
        this.routing = routing;
    }

    private BufferManagedConnection open() {
        BufferManagedConnection connection = state.connection.get();
        if (connection == null) {
            throw new IllegalStateException("This BufferConnection is closed: get a new one from the"
                    + " BufferConnectionFactory (use try-with-resources to keep its scope clear).");
        }
        return connection;
    }

    private BufferRegistry registry(String buffer) {
        BufferManagedConnection connection = open();
        Objects.requireNonNull(buffer, "buffer");
        return connection.registry();
    }

    @Override
    public void push(String buffer, Object item) {
        registry(buffer).queue(buffer, "push").push(item, routing);
    }

    @Override
    public void pushAll(String buffer, Collection<?> items) {
        registry(buffer).queue(buffer, "pushAll").pushAll(items, routing);
    }

    @Override
    public void put(String buffer, Object key, Object value) {
        registry(buffer).map(buffer, "put").put(key, value, routing);
    }

    @Override
    public void putAll(String buffer, Map<?, ?> entries) {
        registry(buffer).map(buffer, "putAll").putAll(entries, routing);
    }

    @Override
    public boolean putNewer(String buffer, Object key, Object value, long version) {
        return registry(buffer).map(buffer, "putNewer").putNewer(key, value, version, routing);
    }

    @Override
    public int putAllNewer(String buffer, Collection<BufferEntry> entries) {
        return registry(buffer).map(buffer, "putAllNewer").putAllNewer(entries, routing);
    }

    @Override
    public Optional<Object> get(String buffer, Object key) {
        return registry(buffer).map(buffer, "get").get(key, routing);
    }

    @Override
    public boolean delete(String buffer, Object key) {
        return registry(buffer).map(buffer, "delete").delete(key, routing);
    }

    @Override
    public BufferConnection routedBy(PartitionKey partitionKey) {
        Objects.requireNonNull(partitionKey, "partitionKey");
        open();
        return new BufferConnectionHandle(state, partitionKey);
    }

    @Override
    public int partitionOf(String buffer, Object object) {
        return registry(buffer).get(buffer).partitionOf(object, routing);
    }

    @Override
    public long size(String buffer) {
        return registry(buffer).get(buffer).size();
    }

    @Override
    public void updateOptions(String buffer, Map<String, String> options) {
        registry(buffer).get(buffer).updateOptions(options);
    }

    @Override
    public void close() {
        BufferManagedConnection connection = state.connection.getAndSet(null);
        if (connection != null) {
            connection.closed(state.primary);
        }
    }

    /** The managed connection was cleaned up or destroyed: later calls fail. */
    void invalidate() {
        state.connection.set(null);
    }

    /** The container moved this handle to another managed connection. */
    void associate(BufferManagedConnection connection) {
        BufferManagedConnection previous = state.connection.getAndSet(connection);
        if (previous != null && previous != connection) {
            previous.moved(state.primary);
        }
    }
}
