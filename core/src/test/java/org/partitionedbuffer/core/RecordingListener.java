package org.partitionedbuffer.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;
import org.partitionedbuffer.api.BufferEntry;

/** A listener that keeps every batch it received, from any thread, and can be told to fail. */
class RecordingListener implements BatchListener {

    private final List<Batch> batches = new CopyOnWriteArrayList<>();

    @Override
    public void onBatch(Batch batch) throws Exception {
        batches.add(batch);
    }

    /** Lets go of what was received (for tests that check nothing else holds the items). */
    void forget() {
        batches.clear();
    }

    List<Batch> batches() {
        return List.copyOf(batches);
    }

    /** The items of every batch, in delivery order. */
    List<Object> items() {
        List<Object> items = new ArrayList<>();
        batches.forEach(batch -> items.addAll(batch.items()));
        return items;
    }

    /** The entries of every (map) batch, in delivery order. */
    List<BufferEntry> entries() {
        List<BufferEntry> entries = new ArrayList<>();
        batches.forEach(batch -> entries.addAll(batch.entries()));
        return entries;
    }

    /** The sizes of the batches, in delivery order. */
    List<Integer> batchSizes() {
        return batches.stream().map(Batch::size).toList();
    }
}
