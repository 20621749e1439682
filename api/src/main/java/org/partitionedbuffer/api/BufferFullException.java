package org.partitionedbuffer.api;

/**
 * The buffer holds {@code capacity} pending items and refused the insert: at once with {@code overflow=reject}, or
 * after waiting {@code processingTimeoutMs} for room with {@code overflow=block}. Nothing of the call was inserted.
 */
public class BufferFullException extends BufferException {
    private static final long serialVersionUID = 1L;

    public BufferFullException(String message) {
        super(message);
    }
}
