package org.partitionedbuffer.core;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs events one at a time, in the order they were added, outside every lock. An owner records an event under its
 * own lock (so the order is the order of its state changes), then calls {@link #publish()} once it holds none: the
 * first thread to get there runs everything queued, including what other threads add meanwhile; a thread that finds
 * another one publishing leaves its events to it. Events must not throw.
 */
final class OrderedEvents {

    private final Queue<Runnable> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean publishing = new AtomicBoolean();

    void add(Runnable event) {
        queued.add(event);
    }

    /** Runs the queued events unless another thread is running them; call it holding no lock. */
    void publish() {
        // Re-checked after letting go: an event added just before the flag was cleared would otherwise wait.
        while (!queued.isEmpty() && publishing.compareAndSet(false, true)) {
            try {
                Runnable event;
                while ((event = queued.poll()) != null) {
                    event.run();
                }
            } finally {
                publishing.set(false);
            }
        }
    }
}
