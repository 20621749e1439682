package org.partitionedbuffer.api;

/**
 * Every buffer-level failure: an unknown buffer, an operation that does not fit the buffer's type, an insert into a
 * stopping buffer, an invalid option. The message names the buffer and what to do about it. A call that fails with
 * this exception changed nothing.
 */
public class BufferException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BufferException(String message) {
        super(message);
    }

    public BufferException(String message, Throwable cause) {
        super(message, cause);
    }
}
