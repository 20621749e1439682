package org.partitionedbuffer.api;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The resource adapter's buffers as application code observes them: their telemetry events (the six events of the
 * Elixir {@code partitioned_buffer}, plus inserts, retries and rejections) and their current sizes. The
 * {@code partitioned-buffer-metrics} jar is built on it; tracing or custom metrics code can use it directly.
 *
 * <p>It is static because a resource adapter can hand an application nothing but connection factories: the
 * adapter installs itself here when it starts ({@link #install}) and leaves when it stops. Listeners added here
 * outlive an adapter restart: they are handed to the next adapter that starts.
 *
 * <pre>{@code
 * // e.g. in an @ApplicationScoped bean: start on @Initialized(ApplicationScoped.class), close in @PreDestroy
 * registration = BufferMonitoring.addEventListener(new BufferEventListener() {
 *     public void processingException(String buffer, int partition, int size, int attempt, long durationNanos,
 *                                     Throwable error) {
 *         log.warning(buffer + "/" + partition + ": attempt " + attempt + " failed: " + error);
 *     }
 * });
 * }</pre>
 *
 * <p>An application must close its registrations when it stops (undeploy): until then the adapter holds its
 * listener, and through it the application's classes.
 */
public final class BufferMonitoring {

    /** What the resource adapter provides; applications do not implement it. */
    public interface Source {

        /**
         * Adds a listener to every buffer, present and future. Each buffer first tells a late listener which of its
         * partitions have already started and stopped, so lifecycle counts are complete.
         */
        Registration addEventListener(BufferEventListener listener);

        List<BufferView> buffers();

        Optional<BufferView> buffer(String name);
    }

    /** Undoes an {@link #addEventListener} or an {@link #install}; closing twice does nothing. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private static final Object LOCK = new Object();
    // Guarded by LOCK: the installed sources, and for each listener its registration at each source.
    private static final List<Source> SOURCES = new ArrayList<>();
    private static final Map<BufferEventListener, Map<Source, Registration>> LISTENERS = new IdentityHashMap<>();
    // Copy of SOURCES replaced under LOCK, so reads (every metrics scrape) take no lock.
    private static volatile List<Source> installed = List.of();

    private BufferMonitoring() {
    }

    /**
     * Observes every buffer of every started resource adapter, now and after an adapter restart. The listener is
     * called on the adapter's threads and the producers' threads: it must be quick, must not block, and must not
     * need the application's context (no CDI look-ups, no JNDI); what it throws is logged and ignored.
     *
     * @return close it when the application stops
     */
    public static Registration addEventListener(BufferEventListener listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (LOCK) {
            if (LISTENERS.containsKey(listener)) {
                throw new IllegalArgumentException("This BufferEventListener is already added: add it once, or"
                        + " close its registration before adding it again.");
            }
            Map<Source, Registration> perSource = new IdentityHashMap<>();
            LISTENERS.put(listener, perSource);
            for (Source source : SOURCES) {
                perSource.put(source, source.addEventListener(listener));
            }
        }
        return once(() -> removeEventListener(listener));
    }

    private static void removeEventListener(BufferEventListener listener) {
        synchronized (LOCK) {
            Map<Source, Registration> perSource = LISTENERS.remove(listener);
            if (perSource != null) {
                perSource.values().forEach(Registration::close);
            }
        }
    }

    /** The buffers that exist now, in every started adapter. */
    public static List<BufferView> buffers() {
        List<Source> sources = installed;
        if (sources.size() == 1) {
            return sources.get(0).buffers();
        }
        List<BufferView> all = new ArrayList<>();
        sources.forEach(source -> all.addAll(source.buffers()));
        return all;
    }

    /** The buffer called {@code name} now, or empty when no started adapter has one. */
    public static Optional<BufferView> buffer(String name) {
        Objects.requireNonNull(name, "buffer");
        for (Source source : installed) {
            Optional<BufferView> found = source.buffer(name);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * Called by the resource adapter when it starts: every listener added so far, and every one added later, observes
     * its buffers until the returned registration is closed (when the adapter stops).
     */
    public static Registration install(Source source) {
        Objects.requireNonNull(source, "source");
        synchronized (LOCK) {
            SOURCES.add(source);
            installed = List.copyOf(SOURCES);
            LISTENERS.forEach((listener, perSource) -> perSource.put(source, source.addEventListener(listener)));
        }
        return once(() -> uninstall(source));
    }

    private static void uninstall(Source source) {
        synchronized (LOCK) {
            if (SOURCES.remove(source)) {
                installed = List.copyOf(SOURCES);
                LISTENERS.values().forEach(perSource -> {
                    Registration registration = perSource.remove(source);
                    if (registration != null) {
                        registration.close();
                    }
                });
            }
        }
    }

    /** How many listeners are added now; lets a test or a console check that undeployed applications left. */
    public static int listenerCount() {
        synchronized (LOCK) {
            return LISTENERS.size();
        }
    }

    private static Registration once(Runnable undo) {
        return new Registration() {
            private boolean closed; // guarded by this

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    undo.run();
                }
            }
        };
    }
}
