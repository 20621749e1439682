package org.partitionedbuffer.core;

/**
 * One insert call (a push, a put, a batch of them), which {@link Admission#admit} tries once, then again after each
 * wait for room. Whatever a try reserves it writes or gives back before returning.
 */
@FunctionalInterface
interface InsertAttempt {

    /** Tries the insert once, all or nothing, holding the locks it needs only during the call. */
    Placement tryOnce();

    /** After a try found the buffer {@link Placement#FULL}: how many items' room it lacked. */
    default long roomNeeded() {
        return 1;
    }
}
