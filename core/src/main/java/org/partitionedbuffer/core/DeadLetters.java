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
     * Pushes {@code items} into the queue buffer {@code target}, each with its letter (why it was given up, {@code
     * letters} in the same order), without waiting for room (a delivery thread must not block on another buffer).
     * False, with a WARNING saying why, when it does not exist, is a map or refuses them.
     */
    boolean accept(String target, List<Object> items, List<DeadLetter> letters) {
        Optional<PartitionedBuffer> found = bufferLookup.apply(target);
        if (found.isEmpty() || !(found.get() instanceof QueueBuffer queue)) {
            LOG.warning(() -> "Buffer '" + bufferName + "': dead-letter buffer '" + target + "' "
                    + (found.isEmpty() ? "does not exist" : "is not a queue buffer")
                    + "; create a queue buffer with that name to keep failed batches");
            return false;
        }
        try {
            List<Object> lettered = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                lettered.add(new DeadLettered(DeadLettered.original(items.get(i)), letters.get(i)));
            }
            queue.pushDeadLetters(lettered);
            return true;
        } catch (BufferException e) {
            LOG.log(Level.WARNING, "Buffer '" + bufferName + "': dead-letter buffer '" + target + "' refused a batch: "
                    + e.getMessage(), e);
            return false;
        }
    }
}
