package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.api.BufferType;

class SmokeTest {
    @Test
    void queueDeliversInBatchesOnTick() {
        ManualScheduler scheduler = new ManualScheduler();
        BufferOptions options = BufferOptions.builder("q").partitions(1).processingIntervalMs(100)
                .processingBatchSize(3).build();
        QueueBuffer buffer = (QueueBuffer) PartitionedBuffer.create(options, scheduler);
        RecordingListener listener = new RecordingListener();
        buffer.attach(listener);
        buffer.start();
        for (int i = 0; i < 7; i++) {
            buffer.push(i);
        }
        assertEquals(7, buffer.size());
        scheduler.advance(100);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), listener.items());
        assertEquals(List.of(3, 3, 1), listener.batchSizes());
        assertEquals(0, buffer.size());
    }

    @Test
    void mapCoalesces() {
        ManualScheduler scheduler = new ManualScheduler();
        BufferOptions options = BufferOptions.builder("m").type(BufferType.MAP).partitions(2)
                .processingIntervalMs(100).build();
        MapBuffer buffer = (MapBuffer) PartitionedBuffer.create(options, scheduler);
        RecordingListener listener = new RecordingListener();
        buffer.attach(listener);
        buffer.start();
        buffer.put("a", 1);
        buffer.put("a", 2);
        buffer.putNewer("b", 1, 5);
        buffer.putNewer("b", 2, 4);
        scheduler.advance(100);
        assertEquals(2, listener.entries().size());
        buffer.stop();
        scheduler.runReady();
        assertEquals(true, buffer.isStopped());
    }
}
