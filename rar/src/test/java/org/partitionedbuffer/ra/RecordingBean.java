package org.partitionedbuffer.ra;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** A message-driven bean for tests: keeps every batch's items and the thread that delivered it. */
public class RecordingBean implements BatchListener {

    private final List<List<Object>> batches = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void onBatch(Batch batch) throws Exception {
        threads.add(Thread.currentThread().getName());
        batches.add(List.copyOf(batch.items()));
    }

    /** The items of every batch, batch by batch, in delivery order. */
    public List<List<Object>> batches() {
        return List.copyOf(batches);
    }

    /** Every item delivered, in delivery order. */
    public List<Object> items() {
        List<Object> items = new ArrayList<>();
        batches.forEach(items::addAll);
        return items;
    }

    /** The names of the threads onBatch ran on. */
    public List<String> threads() {
        return List.copyOf(threads);
    }
}
