package org.partitionedbuffer.ra;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.partitionedbuffer.core.BufferRegistry;
import org.partitionedbuffer.core.PartitionedBuffer;

/**
 * Bounded waits for buffers to deliver or stop, on the container threads that stop the adapter or an application:
 * nothing else waits for those threads, and a wait never outlasts the buffers' processingTimeoutMs.
 */
final class BufferWaits {

    private static final Logger LOG = Logger.getLogger(BufferWaits.class.getName());
    /** Added to the longest processingTimeoutMs when waiting for buffers to stop, for the last hand-offs. */
    private static final long STOP_MARGIN_MS = 5_000;

    private BufferWaits() {
    }

    /** The longest processingTimeoutMs of the buffers, and a margin: how long a stop may take. */
    static long longestTimeoutMs(BufferRegistry registry) {
        return registry.buffers().stream().mapToLong(buffer -> buffer.options().processingTimeoutMs()).max()
                .orElse(0) + STOP_MARGIN_MS;
    }

    /** Delivers what the buffer holds now; false when it was not all delivered within the timeout. */
    static boolean flushAndWait(PartitionedBuffer buffer, long timeoutMs) {
        try {
            return buffer.flushAndWait(Math.max(0, timeoutMs));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void awaitQuietly(CompletableFuture<Void> future, long timeoutMs) {
        try {
            future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warning(() -> "Buffers did not finish stopping within " + timeoutMs + " ms");
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "A buffer failed while stopping", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
