package org.partitionedbuffer.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.partitionedbuffer.api.BufferEventListener;

/** Keeps every telemetry event as a short text ("processingFailed p0 size=5"), for assertions. */
final class RecordingEvents implements BufferEventListener {

    private final List<String> events = new CopyOnWriteArrayList<>();

    List<String> events() {
        return List.copyOf(events);
    }

    /** The events whose text starts with {@code kind}. */
    List<String> of(String kind) {
        return events.stream().filter(event -> event.startsWith(kind + " ")).toList();
    }

    @Override
    public void partitionStarted(String buffer, int partition, long systemTimeMillis) {
        events.add("partitionStarted p" + partition);
    }

    @Override
    public void partitionStopped(String buffer, int partition, long durationNanos, String reason) {
        events.add("partitionStopped p" + partition + " reason=" + reason);
    }

    @Override
    public void processingStarted(String buffer, int partition, int size, int attempt, long systemTimeMillis) {
        events.add("processingStarted p" + partition + " size=" + size + " attempt=" + attempt);
    }

    @Override
    public void processingStopped(String buffer, int partition, int size, int attempt, long durationNanos) {
        events.add("processingStopped p" + partition + " size=" + size + " attempt=" + attempt);
    }

    @Override
    public void processingException(String buffer, int partition, int size, int attempt, long durationNanos,
                                    Throwable error) {
        events.add("processingException p" + partition + " size=" + size + " attempt=" + attempt + " error="
                + error.getClass().getSimpleName());
    }

    @Override
    public void processingFailed(String buffer, int partition, int size, long systemTimeMillis, Throwable reason,
                                 boolean deadLettered) {
        events.add("processingFailed p" + partition + " size=" + size + " deadLettered=" + deadLettered);
    }

    @Override
    public void retryScheduled(String buffer, int partition, int size, int nextAttempt, long backoffMillis) {
        events.add("retryScheduled p" + partition + " size=" + size + " nextAttempt=" + nextAttempt + " backoff="
                + backoffMillis);
    }

    @Override
    public void inserted(String buffer, int partition, int count) {
        events.add("inserted p" + partition + " count=" + count);
    }

    @Override
    public void rejected(String buffer, int count) {
        events.add("rejected count=" + count);
    }
}
