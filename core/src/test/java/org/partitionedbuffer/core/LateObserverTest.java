package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.api.BufferEventListener;
import org.partitionedbuffer.api.BufferType;

/** An observer that joins after buffers started (an application deployed later) still counts every start and stop. */
class LateObserverTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final BufferRegistry registry = new BufferRegistry(scheduler, "create NAME");

    @Test
    void aLateRegistryObserverIsToldWhichPartitionsStartedOnce() {
        registry.create(BufferOptions.builder("orders").type(BufferType.QUEUE).partitions(2).build());
        RecordingEvents events = new RecordingEvents();

        registry.addEventListener(events);

        assertEquals(List.of("partitionStarted p0", "partitionStarted p1"), events.events());
    }

    @Test
    void aLateObserverOfAStoppedBufferIsToldOfEachStartAndStopWithTheOriginalDuration() {
        PartitionedBuffer buffer = registry.create(BufferOptions.builder("orders").type(BufferType.MAP).partitions(2)
                .build());
        scheduler.advance(250);
        buffer.stop();
        scheduler.runReady();
        long[] durations = new long[2];

        buffer.addEventListenerWithLifecycle(new BufferEventListener() {
            @Override
            public void partitionStopped(String name, int partition, long durationNanos, String reason) {
                durations[partition] = durationNanos;
            }
        });

        assertEquals(250_000_000L, durations[0]);
        assertEquals(250_000_000L, durations[1]);
    }

    @Test
    void anObserverAddedBeforeTheBufferExistsSeesTheLiveEventsOnly() {
        RecordingEvents events = new RecordingEvents();
        registry.addEventListener(events);

        registry.create(BufferOptions.builder("orders").type(BufferType.QUEUE).partitions(1).build());

        assertEquals(List.of("partitionStarted p0"), events.events());
    }

    @Test
    void anObserverThatThrowsDuringTheReplayIsSkippedAndStillAdded() {
        PartitionedBuffer buffer = registry.create(BufferOptions.builder("orders").type(BufferType.QUEUE)
                .partitions(1).build());
        int[] inserts = new int[1];

        buffer.addEventListenerWithLifecycle(new BufferEventListener() {
            @Override
            public void partitionStarted(String name, int partition, long systemTimeMillis) {
                throw new IllegalStateException("observer bug");
            }

            @Override
            public void inserted(String name, int partition, int count) {
                inserts[0] += count;
            }
        });
        ((QueueBuffer) buffer).push("x");

        assertEquals(1, inserts[0]);
    }
}
