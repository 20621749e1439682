package org.partitionedbuffer.api;

import java.util.Objects;
import java.util.function.Function;

/**
 * How an object (a queue item, or a map key) is routed to a partition: the buffer computes a routing key from the
 * object, and the partition is a function of that key's {@code hashCode()} and the number of partitions only, so the
 * same key always lands in the same partition of a buffer.
 *
 * <p>Keep related objects together (one user's events in one partition keeps them in order) or spread unrelated ones
 * (more partitions drain in parallel). The routing key's {@code hashCode()} must be stable: strings, numbers, enums
 * and records of those are.
 */
public final class PartitionKey {

    private static final PartitionKey ITEM = new PartitionKey(null, null);

    private final Object staticKey;
    private final Function<Object, ?> function;

    private PartitionKey(Object staticKey, Function<Object, ?> function) {
        this.staticKey = staticKey;
        this.function = function;
    }

    /** The default: the queue item itself, or the map key, is the routing key. */
    public static PartitionKey item() {
        return ITEM;
    }

    /** One static routing key for every object: everything goes to the partition of {@code key}. */
    public static PartitionKey of(Object key) {
        return new PartitionKey(Objects.requireNonNull(key, "key"), null);
    }

    /** The routing key is computed from the object, e.g. {@code PartitionKey.by(e -> ((Event) e).userId())}. */
    public static PartitionKey by(Function<Object, ?> function) {
        return new PartitionKey(null, Objects.requireNonNull(function, "function"));
    }

    /** The routing key of {@code object} under this rule (null when a function returns null). */
    public Object routingKeyOf(Object object) {
        if (function != null) {
            return function.apply(object);
        }
        return staticKey != null ? staticKey : object;
    }

    /** True for {@link #item()}, the rule that routes an object by itself. */
    public boolean isItem() {
        return this == ITEM;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PartitionKey that
                && Objects.equals(staticKey, that.staticKey)
                && Objects.equals(function, that.function);
    }

    @Override
    public int hashCode() {
        return Objects.hash(staticKey, function);
    }

    @Override
    public String toString() {
        if (function != null) {
            return "PartitionKey.by(" + function + ")";
        }
        return staticKey != null ? "PartitionKey.of(" + staticKey + ")" : "PartitionKey.item()";
    }
}
