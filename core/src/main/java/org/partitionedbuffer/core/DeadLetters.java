package org.partitionedbuffer.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.api.DeadLetter;

/** Where one buffer's given-up items go: the queue buffer its {@code deadLetterBuffer} option names, found by name. */
final class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());

    private final String bufferName;
    private final Function<String, Optional<PartitionedBuffer>> bufferLookup;

    DeadLetters(String bufferName, Function<String, Optional<PartitionedBuffer>> bufferLookup) {
        this.bufferName = bufferName;
        this.bufferLookup = bufferLookup;
    }

    /**
     * Pushes {@code items} into the queue buffer {@code target}, each with {@code letter} (why they were given up),
     * without waiting for room (a delivery thread must not block on another buffer). False, with a WARNING saying why,
     * when it does not exist, is a map or refuses them.
     */
    boolean accept(String target, List<Object> items, DeadLetter letter) {
        Optional<PartitionedBuffer> found = bufferLookup.apply(target);
        if (found.isEmpty() || !(found.get() instanceof QueueBuffer queue)) {
            LOG.warning(() -> "Buffer '" + bufferName + "': dead-letter buffer '" + target + "' "
                    + (found.isEmpty() ? "does not exist" : "is not a queue buffer")
                    + "; create a queue buffer with that name to keep failed batches");
            return false;
        }
        try {
            List<Object> letters = new ArrayList<>(items.size());
            for (Object item : items) {
                letters.add(new DeadLettered(DeadLettered.original(item), letter));
            }
            queue.pushDeadLetters(letters);
            return true;
        } catch (BufferException e) {
            LOG.log(Level.WARNING, "Buffer '" + bufferName + "': dead-letter buffer '" + target + "' refused a batch: "
                    + e.getMessage(), e);
            return false;
        }
    }
}
