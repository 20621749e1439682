package org.partitionedbuffer.core;

/** Why a partition drained: what asked for the drain last before it. */
enum DrainReason {
    /** The partition's {@code processingIntervalMs} timer. */
    INTERVAL("interval"),
    /** The partition reached {@code flushThreshold}. */
    FLUSH_THRESHOLD("flushThreshold"),
    /** An insert found the buffer at capacity: room comes from drains. */
    CAPACITY("capacity"),
    /** {@code flush()}, {@code flushAndWait}, JMX, a threshold lowered at runtime. */
    FLUSH("flush()"),
    /** A listener attached while items were pending. */
    LISTENER_ATTACHED("listener attached"),
    /** The buffer is stopping: everything pending is delivered. */
    STOP("stop");

    private final String label;

    DrainReason(String label) {
        this.label = label;
    }

    /** As JDK Mission Control and {@code jfr print} show it. */
    String label() {
        return label;
    }
}
