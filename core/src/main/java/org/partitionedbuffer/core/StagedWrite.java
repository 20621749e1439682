package org.partitionedbuffer.core;

/**
 * One insert made inside a transaction, waiting for its commit: a push, a put, a versioned put or a delete, routed
 * when it was made.
 *
 * @param value   the pushed item, the written value; null for a delete
 * @param version the version of a versioned put; 0 otherwise
 */
record StagedWrite(Kind kind, int partition, Object key, Object value, long version) {

    enum Kind { PUSH, PUT, PUT_NEWER, DELETE }

    static StagedWrite push(int partition, Object item) {
        return new StagedWrite(Kind.PUSH, partition, item, item, 0);
    }

    static StagedWrite put(int partition, Object key, Object value) {
        return new StagedWrite(Kind.PUT, partition, key, value, 0);
    }

    static StagedWrite putNewer(int partition, Object key, Object value, long version) {
        return new StagedWrite(Kind.PUT_NEWER, partition, key, value, version);
    }

    static StagedWrite delete(int partition, Object key) {
        return new StagedWrite(Kind.DELETE, partition, key, null, 0);
    }

    /** Whether it leaves an entry for its key (a put of either kind), as opposed to removing one. */
    boolean writesEntry() {
        return kind == Kind.PUT || kind == Kind.PUT_NEWER;
    }
}
