package org.partitionedbuffer.core;

/**
 * Thrown by a {@code BatchListener} that could not take a batch because the listener itself is going away or not
 * ready (the message-driven bean's container is stopping for an undeploy, before it detaches the bean): no verdict on
 * the batch. The engine uses up no retry for it; it tries the same attempt again shortly, and a listener detached
 * meanwhile leaves the batch to the next one attached.
 */
public class ListenerUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public ListenerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
