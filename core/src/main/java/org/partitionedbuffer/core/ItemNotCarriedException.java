package org.partitionedbuffer.core;

/** An item an {@link ItemCarrier} cannot convert for its listener; the message names the class and the fix. */
public final class ItemNotCarriedException extends Exception {

    private static final long serialVersionUID = 1L;

    public ItemNotCarriedException(String message, Throwable cause) {
        super(message, cause);
    }
}
