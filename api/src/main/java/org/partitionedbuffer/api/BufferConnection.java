package org.partitionedbuffer.api;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * A connection handle: inserts into and inspects the buffers of the resource adapter, by buffer name. Close it when
 * done (try-with-resources); a closed handle refuses every call with {@link IllegalStateException}.
 *
 * <p>Errors: a null buffer name, item, key or value is refused with {@link NullPointerException} naming the argument;
 * an unknown buffer, a queue operation on a map buffer (or the reverse), an insert into a stopping buffer or an invalid
 * option gives a {@link BufferException} whose message names the buffer and what to do; a full buffer gives a
 * {@link BufferFullException}. A call that fails inserts nothing: a batch call is all or nothing.
 */
public interface BufferConnection extends AutoCloseable {

    // ---- queue buffers

    /** Appends one item to a queue buffer, in the partition its routing key selects. */
    void push(String buffer, Object item);

    /** Appends items to a queue buffer, all or none; each partition keeps the items' order. */
    void pushAll(String buffer, Collection<?> items);

    // ---- map buffers

    /** Writes {@code key -> value} to a map buffer: the last write of a key wins; version and updates reset to 0. */
    void put(String buffer, Object key, Object value);

    /** Writes every entry, all or none, as {@link #put(String, Object, Object)} does. */
    void putAll(String buffer, Map<?, ?> entries);

    /**
     * Writes {@code key -> value} only if {@code version} is newer than the newest version the buffer knows for the key:
     * a key that is not known is written with {@code updates = 0}; a strictly greater version replaces the value and
     * increments {@code updates}; an equal or older version is ignored. The buffer also remembers versions it already
     * delivered, so a late, older write cannot overtake a delivered newer one.
     *
     * @return true when the write was applied, false when it was ignored as not newer
     */
    boolean putNewer(String buffer, Object key, Object value, long version);

    /**
     * Applies {@link #putNewer(String, Object, Object, long)} to each entry in order ({@code updates} of the arguments
     * is ignored), all entries validated before any is written.
     *
     * @return how many entries were applied
     */
    int putAllNewer(String buffer, Collection<BufferEntry> entries);

    /** The pending (not yet drained) value of a key of a map buffer, or empty. */
    Optional<Object> get(String buffer, Object key);

    /** Removes a pending entry from a map buffer before it is processed; true when there was one. */
    boolean delete(String buffer, Object key);

    // ---- any buffer

    /**
     * A view of this handle that routes every object with {@code partitionKey} instead of the buffer's configured
     * {@code partitionKey}. The view shares this handle's lifecycle: closing either closes both.
     */
    BufferConnection routedBy(PartitionKey partitionKey);

    /** The partition index {@code object} (a queue item, or a map key) is routed to under this handle's routing. */
    int partitionOf(String buffer, Object object);

    /** The pending items of a buffer: inserted and not yet drained (data being delivered is not counted). */
    long size(String buffer);

    /**
     * Changes the runtime options named in {@code options} (see the option table), leaving every other option as it
     * is. All values are validated before any is changed.
     *
     * @throws BufferException naming the option, the value and what is allowed, when a value is invalid or the
     *                         option cannot change at runtime
     */
    void updateOptions(String buffer, Map<String, String> options);

    /** Returns the handle to the pool; every later call on it fails. Closing twice is harmless. */
    @Override
    void close();
}
