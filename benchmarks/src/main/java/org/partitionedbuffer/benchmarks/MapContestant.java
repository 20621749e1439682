package org.partitionedbuffer.benchmarks;

/** What a map benchmark puts into: the engine, or a raw baseline with the same routing and drain. */
interface MapContestant extends AutoCloseable {

    void put(Object key, Object value);

    @Override
    void close() throws Exception;

    static MapContestant create(String kind, int partitions, DeliveredCount delivered) {
        return switch (kind) {
            case "engine" -> new EngineMap(partitions, delivered);
            case "concurrentHashMap" -> new ConcurrentHashMapMap(partitions, delivered);
            case "lockedHashMap" -> new LockedHashMapMap(partitions, delivered);
            default -> throw new IllegalArgumentException("unknown map contestant " + kind);
        };
    }
}
