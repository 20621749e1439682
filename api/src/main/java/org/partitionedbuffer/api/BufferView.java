package org.partitionedbuffer.api;

import java.util.Optional;

/**
 * A live, read-only view of one buffer of the resource adapter, for metrics and monitoring code: what it is, how
 * much it holds now, and which application listens to it. Obtained from {@link BufferMonitoring}.
 */
public interface BufferView {

    String name();

    BufferType type();

    int partitions();

    /** Pending items in the whole buffer; in-flight batches are not counted. */
    long size();

    /** Pending items in one partition. */
    long size(int partition);

    /** One partition's counts since the buffer was created (an observer joining late starts from them). */
    PartitionCounts counts(int partition);

    /** Items refused because the buffer was at its capacity, since it was created. */
    long rejected();

    /**
     * The class loader of the message-driven bean attached to the buffer now, or empty while none is. An application
     * compares it with its own to tell the buffers it listens to.
     */
    Optional<ClassLoader> listenerClassLoader();
}
