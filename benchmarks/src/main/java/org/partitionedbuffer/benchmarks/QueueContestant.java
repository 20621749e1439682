package org.partitionedbuffer.benchmarks;

import java.util.List;

/** What a queue benchmark pushes into: the engine, or a raw baseline with the same routing and drain. */
interface QueueContestant extends AutoCloseable {

    void push(Object item);

    void pushAll(List<Object> items);

    /** Stops the drains (and the engine), waiting for them. */
    @Override
    void close() throws Exception;

    static QueueContestant create(String kind, int partitions, DeliveredCount delivered) {
        return switch (kind) {
            case "engine" -> new EngineQueue(partitions, delivered);
            case "jctools" -> new JctoolsQueue(partitions, delivered);
            case "lockedList" -> new LockedListQueue(partitions, delivered);
            default -> throw new IllegalArgumentException("unknown queue contestant " + kind);
        };
    }
}
