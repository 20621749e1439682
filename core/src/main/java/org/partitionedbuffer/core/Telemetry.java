package org.partitionedbuffer.core;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.partitionedbuffer.api.BufferEventListener;

/**
 * Hands a buffer's events to its observers. An observer that throws (anything short of a
 * {@link VirtualMachineError}) is logged and skipped, so a faulty metrics or tracing hook can never break inserts or
 * deliveries. With no observer, publishing costs one volatile read.
 */
final class Telemetry {

    private static final Logger LOG = Logger.getLogger(Telemetry.class.getName());
    private static final BufferEventListener[] NONE = {};

    private final String buffer;
    // Copy-on-write: replaced under lock, read without one; publication through the volatile.
    private volatile BufferEventListener[] listeners = NONE;
    private final Object lock = new Object();

    Telemetry(String buffer) {
        this.buffer = buffer;
    }

    void add(BufferEventListener listener) {
        synchronized (lock) {
            BufferEventListener[] grown = Arrays.copyOf(listeners, listeners.length + 1);
            grown[listeners.length] = listener;
            listeners = grown;
        }
    }

    boolean remove(BufferEventListener listener) {
        synchronized (lock) {
            BufferEventListener[] current = listeners;
            for (int i = 0; i < current.length; i++) {
                if (current[i] == listener) {
                    BufferEventListener[] shrunk = new BufferEventListener[current.length - 1];
                    System.arraycopy(current, 0, shrunk, 0, i);
                    System.arraycopy(current, i + 1, shrunk, i, current.length - i - 1);
                    listeners = shrunk;
                    return true;
                }
            }
            return false;
        }
    }

    /** The hot path: a plain loop, no lambda, so a push with observers allocates nothing. */
    void inserted(int partition, int count) {
        for (BufferEventListener listener : listeners) {
            try {
                listener.inserted(buffer, partition, count);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable e) { // e.g. NoClassDefFoundError from an observer whose library is missing
                logFailure(listener, e);
            }
        }
    }

    /** The observers now: lifecycle events go to the observers of the moment they happened (see BufferLifecycle). */
    BufferEventListener[] observers() {
        return listeners;
    }

    void partitionStarted(BufferEventListener[] observers, int partition, long systemTimeMillis) {
        for (BufferEventListener listener : observers) {
            deliver(listener, l -> l.partitionStarted(buffer, partition, systemTimeMillis));
        }
    }

    void partitionStopped(BufferEventListener[] observers, int partition, long durationNanos) {
        for (BufferEventListener listener : observers) {
            deliver(listener, l -> l.partitionStopped(buffer, partition, durationNanos, "shutdown"));
        }
    }

    void processingStarted(int partition, int size, int attempt, long systemTimeMillis) {
        publish(l -> l.processingStarted(buffer, partition, size, attempt, systemTimeMillis));
    }

    void processingStopped(int partition, int size, int attempt, long durationNanos) {
        publish(l -> l.processingStopped(buffer, partition, size, attempt, durationNanos));
    }

    void processingException(int partition, int size, int attempt, long durationNanos, Throwable error) {
        publish(l -> l.processingException(buffer, partition, size, attempt, durationNanos, error));
    }

    void processingFailed(int partition, int size, long systemTimeMillis, Throwable reason, boolean deadLettered) {
        publish(l -> l.processingFailed(buffer, partition, size, systemTimeMillis, reason, deadLettered));
    }

    void itemsFailed(int partition, int count, int attempt, Throwable firstCause) {
        publish(l -> l.itemsFailed(buffer, partition, count, attempt, firstCause));
    }

    void retryScheduled(int partition, int size, int nextAttempt, long backoffMillis) {
        publish(l -> l.retryScheduled(buffer, partition, size, nextAttempt, backoffMillis));
    }

    void listenerAttached() {
        publish(l -> l.listenerAttached(buffer));
    }

    void listenerDetached() {
        publish(l -> l.listenerDetached(buffer));
    }

    void rejected(int count) {
        publish(l -> l.rejected(buffer, count));
    }

    private void publish(Consumer<BufferEventListener> event) {
        for (BufferEventListener listener : listeners) {
            deliver(listener, event);
        }
    }

    /** Gives one event to one observer, containing its failure. */
    private void deliver(BufferEventListener listener, Consumer<BufferEventListener> event) {
        try {
            event.accept(listener);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            logFailure(listener, e);
        }
    }

    private void logFailure(BufferEventListener listener, Throwable e) {
        LOG.log(Level.WARNING, e, () -> "Buffer '" + buffer + "': event listener " + listener
                + " threw; the buffer goes on without it for this event");
    }
}
