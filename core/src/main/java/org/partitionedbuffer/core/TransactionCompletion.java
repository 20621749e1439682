package org.partitionedbuffer.core;

/** What the engine does when a transaction it staged writes in ends (a JTA interposed synchronization). */
public interface TransactionCompletion {

    /** Before the transaction completes, on its thread. A {@link RuntimeException} rolls it back. */
    void beforeCompletion();

    /** After it completed, committed or not. Never throws: a server only logs what a synchronization throws here. */
    void afterCompletion(boolean committed);
}
