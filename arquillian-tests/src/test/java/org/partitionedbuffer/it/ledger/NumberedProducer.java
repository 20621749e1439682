package org.partitionedbuffer.it.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.api.BufferFullException;
import org.partitionedbuffer.api.PartitionKey;

/**
 * Pushes numbered items ({@link DeliveryLedger#id}) into a queue buffer as fast as it can while {@code keepGoing}
 * says so, one item per {@code push} or {@code itemsPerCall} per {@code pushAll}. A refused call is counted and
 * tried again with the same numbers, so the accepted numbers are exactly 0 .. accepted-1. Anything but a
 * {@link BufferException} ends the producer with that exception.
 */
public final class NumberedProducer implements Callable<NumberedProducer.Result> {

    /** What one producer did. {@code otherRefusal}: the first refusal that was not for capacity, or null. */
    public record Result(int producer, long accepted, long refusedItems, long refusedCalls,
                         BufferException firstRefusal, BufferException otherRefusal) {
    }

    private final BufferConnectionFactory buffers;
    private final String buffer;
    private final int producer;
    private final int itemsPerCall;
    private final PartitionKey routing;
    private final BooleanSupplier keepGoing;
    /** Written by the producing thread (release), read by the test while it runs (acquire). */
    private final AtomicLong acceptedSoFar = new AtomicLong();
    private final AtomicLong refusedSoFar = new AtomicLong();

    public NumberedProducer(BufferConnectionFactory buffers, String buffer, int producer, int itemsPerCall,
                            PartitionKey routing, BooleanSupplier keepGoing) {
        if (producer < 0 || producer >= DeliveryLedger.MAX_PRODUCERS) {
            throw new IllegalArgumentException("producer " + producer);
        }
        this.buffers = buffers;
        this.buffer = buffer;
        this.producer = producer;
        this.itemsPerCall = itemsPerCall;
        this.routing = routing;
        this.keepGoing = keepGoing;
    }

    /** Items accepted so far. */
    public long accepted() {
        return acceptedSoFar.getAcquire();
    }

    /** Items refused so far. */
    public long refused() {
        return refusedSoFar.getAcquire();
    }

    @Override
    public Result call() {
        long next = 0;
        long refusedItems = 0;
        long refusedCalls = 0;
        BufferException firstRefusal = null;
        BufferException otherRefusal = null;
        List<Long> items = new ArrayList<>(itemsPerCall);
        try (BufferConnection connection = buffers.getConnection()) {
            BufferConnection routed = connection.routedBy(routing);
            while (keepGoing.getAsBoolean()) {
                try {
                    if (itemsPerCall == 1) {
                        routed.push(buffer, DeliveryLedger.id(producer, next));
                    } else {
                        items.clear();
                        for (int i = 0; i < itemsPerCall; i++) {
                            items.add(DeliveryLedger.id(producer, next + i));
                        }
                        routed.pushAll(buffer, items);
                    }
                    next += itemsPerCall;
                    acceptedSoFar.setRelease(next);
                } catch (BufferException refused) {
                    refusedItems += itemsPerCall;
                    refusedSoFar.setRelease(refusedItems);
                    refusedCalls++;
                    firstRefusal = firstRefusal == null ? refused : firstRefusal;
                    if (otherRefusal == null && !(refused instanceof BufferFullException)) {
                        otherRefusal = refused;
                    }
                }
            }
        }
        return new Result(producer, next, refusedItems, refusedCalls, firstRefusal, otherRefusal);
    }
}
