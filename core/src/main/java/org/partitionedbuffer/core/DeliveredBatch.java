package org.partitionedbuffer.core;

import java.util.List;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BufferEntry;
import org.partitionedbuffer.api.BufferType;

/** One delivery attempt of a slice of a drain. */
record DeliveredBatch(String buffer, int partition, BufferType type, List<Object> items, int attempt)
        implements Batch {

    @Override
    public int size() {
        return items.size();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<BufferEntry> entries() {
        if (type != BufferType.MAP) {
            throw new IllegalStateException("Buffer '" + buffer + "' is a queue buffer: its batches have items(),"
                    + " not entries()");
        }
        return (List<BufferEntry>) (List<?>) items;
    }

    @Override
    public String toString() {
        return "Batch[buffer=" + buffer + ", partition=" + partition + ", size=" + size() + ", attempt=" + attempt
                + "]";
    }
}
