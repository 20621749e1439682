package org.partitionedbuffer.ra.outbound;

import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The container's ConnectionEventListener for tests: keeps every event it is told about. */
final class RecordingConnectionListener implements ConnectionEventListener {

    final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void connectionClosed(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void localTransactionStarted(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void localTransactionCommitted(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void localTransactionRolledback(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void connectionErrorOccurred(ConnectionEvent event) {
        events.add(event);
    }
}
