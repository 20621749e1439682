package org.partitionedbuffer.core;

import org.partitionedbuffer.api.DeadLetter;

/**
 * An item in a dead-letter buffer's storage, with why it was given up. Only the engine creates one, so no pushed item
 * can be mistaken for it; the delivery unwraps it, and the listener receives the original item.
 */
record DeadLettered(Object item, DeadLetter letter) {

    /** The original item of {@code stored}, a dead letter or not. */
    static Object original(Object stored) {
        return stored instanceof DeadLettered deadLettered ? deadLettered.item : stored;
    }
}
