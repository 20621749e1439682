package org.partitionedbuffer.core;

import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.api.PartitionKey;

/** Which partition of one buffer an item (or a map key) goes to: under a call's rule, or the buffer's own. */
final class PartitionRouter {

    private final String bufferName;
    private final int partitions;
    private final PartitionKey bufferRule;

    PartitionRouter(String bufferName, int partitions, PartitionKey bufferRule) {
        this.bufferName = bufferName;
        this.partitions = partitions;
        this.bufferRule = bufferRule;
    }

    /**
     * The partition of an insert, under {@code callRule}, or the buffer's rule when null. A routing function runs even
     * with one partition, so a faulty one fails the same way whatever the partition count; only the item's own hash
     * is skipped when it cannot matter.
     */
    int route(Object object, PartitionKey callRule) {
        PartitionKey rule = callRule != null ? callRule : bufferRule;
        if (partitions == 1 && rule.isItem()) {
            return 0;
        }
        return PartitionRouting.indexFor(routingKey(object, rule), partitions);
    }

    /** Every item's partition, in order. */
    int[] routeAll(Object[] objects, PartitionKey callRule) {
        int[] indexes = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            indexes[i] = route(objects[i], callRule);
        }
        return indexes;
    }

    /** The partition {@code object} goes to, computed even with one partition (for callers that show it). */
    int partitionOf(Object object, PartitionKey callRule) {
        return PartitionRouting.indexFor(routingKey(object, callRule != null ? callRule : bufferRule), partitions);
    }

    private Object routingKey(Object object, PartitionKey rule) {
        if (rule.isItem()) {
            return object;
        }
        try {
            return rule.routingKeyOf(object);
        } catch (RuntimeException e) {
            throw new BufferException("Buffer '" + bufferName + "': the routing function " + rule + " threw for "
                    + object.getClass().getName() + "; fix the function or the object. Nothing was inserted.", e);
        }
    }
}
