package org.partitionedbuffer.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BufferEntry;
import org.partitionedbuffer.api.BufferType;
import org.partitionedbuffer.api.DeadLetter;

/**
 * One delivery attempt of a slice of a drain, and the items its listener marked failed. Marked by the listener's
 * thread during {@code onBatch}; read by the delivery after it returned (the same thread, or one the hand-off of the
 * attempt published them to).
 */
final class DeliveredBatch implements Batch {

    private final String buffer;
    private final int partition;
    private final BufferType type;
    private final List<Object> items;
    private final int attempt;
    /** Why each item was given up by the buffer it came from, by index; null when none is a dead letter. */
    private final DeadLetter[] letters;
    /** The cause of each marked item, by index; null until the first mark. */
    private Throwable[] causes;
    private int marked;

    DeliveredBatch(String buffer, int partition, BufferType type, List<Object> items, int attempt) {
        this(buffer, partition, type, items, attempt, null);
    }

    DeliveredBatch(String buffer, int partition, BufferType type, List<Object> items, int attempt,
                   DeadLetter[] letters) {
        this.buffer = buffer;
        this.partition = partition;
        this.type = type;
        this.items = items;
        this.attempt = attempt;
        this.letters = letters;
    }

    @Override
    public String buffer() {
        return buffer;
    }

    @Override
    public int partition() {
        return partition;
    }

    @Override
    public BufferType type() {
        return type;
    }

    @Override
    public List<Object> items() {
        return items;
    }

    @Override
    public int attempt() {
        return attempt;
    }

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
    public void failItem(int index, Throwable cause) {
        Objects.checkIndex(index, items.size());
        Objects.requireNonNull(cause, "cause");
        if (causes == null) {
            causes = new Throwable[items.size()];
        }
        if (causes[index] == null) {
            causes[index] = cause;
            marked++;
        }
    }

    @Override
    public Optional<DeadLetter> deadLetterOf(int index) {
        Objects.checkIndex(index, items.size());
        return letters == null ? Optional.empty() : Optional.ofNullable(letters[index]);
    }

    /** How many items the listener marked failed. */
    int markedCount() {
        return marked;
    }

    /** The cause item {@code index} was marked failed for, or null. */
    Throwable causeOf(int index) {
        return causes == null ? null : causes[index];
    }

    @Override
    public String toString() {
        return "Batch[buffer=" + buffer + ", partition=" + partition + ", size=" + size() + ", attempt=" + attempt
                + "]";
    }
}
