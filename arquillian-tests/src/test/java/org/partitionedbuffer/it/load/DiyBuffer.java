package org.partitionedbuffer.it.load;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The do-it-yourself baseline a developer would write without the adapter: an application-scoped concurrent queue
 * drained every 10 ms, in batches of 1,000, by a ManagedScheduledExecutorService.
 */
@ApplicationScoped
public class DiyBuffer {

    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final LongAdder delivered = new LongAdder();

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> drain; // set at construction, cancelled at destruction: container threads only

    @PostConstruct
    void start() {
        drain = scheduler.scheduleWithFixedDelay(this::drain, 10, 10, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        drain.cancel(false);
    }

    public void push(Object item) {
        queue.offer(item);
    }

    public long delivered() {
        return delivered.sum();
    }

    private void drain() {
        List<Object> batch = new ArrayList<>(1000);
        Object item;
        while ((item = queue.poll()) != null) {
            batch.add(item);
            if (batch.size() == 1000) {
                delivered.add(batch.size());
                batch.clear();
            }
        }
        delivered.add(batch.size());
    }
}
