package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partitionedbuffer.api.BufferFullException;

/** The engine's JDK Flight Recorder events, recorded and read back with their fields. */
class FlightRecorderEventsTest {

    private final ManualScheduler scheduler = new ManualScheduler();

    @TempDir
    Path directory;

    @Test
    void drainsDeliveryAttemptsAndInsertsAtCapacityAreRecordedWithWhy() throws Exception {
        List<RecordedEvent> events;
        try (Recording recording = new Recording()) {
            recording.enable("org.partitionedbuffer.Drain");
            recording.enable("org.partitionedbuffer.DeliveryAttempt");
            recording.enable("org.partitionedbuffer.CapacityWait");
            recording.start();

            QueueBuffer buffer = (QueueBuffer) PartitionedBuffer.create(BufferOptions.builder("jfr").partitions(1)
                    .processingIntervalMs(100).processingBatchSize(10).capacity(3).retryBackoffMs(50).build(),
                    scheduler);
            buffer.attach(batch -> {
                if (batch.items().contains("throws") && batch.attempt() == 1) {
                    throw new IllegalStateException("first attempt fails");
                }
                if (batch.items().contains("marked") && batch.attempt() == 2) {
                    batch.failItem(batch.items().indexOf("marked"), new IllegalStateException("one item"));
                }
            });
            buffer.start();
            scheduler.runReady();
            buffer.pushAll(List.of("a", "b", "c"));
            assertThrows(BufferFullException.class, () -> buffer.push("refused"));
            scheduler.runReady(); // the drain the full buffer asked for
            buffer.pushAll(List.of("throws", "marked"));
            scheduler.advance(100); // the interval's drain; its batch fails once
            scheduler.advance(50); // the retry: one item marked failed
            scheduler.advance(100); // that item alone
            buffer.push("e");
            buffer.flush();
            scheduler.runReady();

            recording.stop();
            Path file = directory.resolve("buffer.jfr");
            recording.dump(file);
            events = RecordingFile.readAllEvents(file);
            assertTrue(Files.size(file) > 0);
        }

        List<String> drains = events.stream().filter(e -> e.getEventType().getName().endsWith("Drain"))
                .map(e -> e.getString("buffer") + " p" + e.getInt("partition") + " " + e.getInt("size") + " "
                        + e.getString("reason")).toList();
        assertEquals(List.of("jfr p0 3 capacity", "jfr p0 2 interval", "jfr p0 1 flush()"), drains);

        List<String> attempts = events.stream().filter(e -> e.getEventType().getName().endsWith("DeliveryAttempt"))
                .map(e -> e.getInt("size") + "#" + e.getInt("attempt") + " " + e.getString("outcome")).toList();
        assertEquals(List.of("3#1 processed", "2#1 failed", "2#2 partly failed", "1#3 processed", "1#1 processed"),
                attempts);
        assertTrue(events.stream().filter(e -> e.getEventType().getName().endsWith("DeliveryAttempt"))
                .allMatch(e -> e.getDuration() != null && !e.getDuration().isNegative()));

        List<String> capacity = events.stream().filter(e -> e.getEventType().getName().endsWith("CapacityWait"))
                .map(e -> e.getString("buffer") + " " + e.getLong("items") + " " + e.getString("outcome")).toList();
        assertEquals(List.of("jfr 1 refused"), capacity);
    }
}
