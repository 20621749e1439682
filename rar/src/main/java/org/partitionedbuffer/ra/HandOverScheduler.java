package org.partitionedbuffer.ra;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.partitionedbuffer.core.BufferScheduler;

/**
 * The buffers' scheduler for the adapter's whole life in the server, over the WorkManager and timer of whichever
 * started resource adapter instance hosts them now. The buffers outlive any one instance (a reconfiguration stops one
 * and starts the next; WildFly runs several), so their timers and deliveries move: {@link #park()} takes every timer
 * that has not fired off the leaving host and holds it, with the tasks submitted meanwhile, and {@link #host} hands
 * them all to the next one, each timer keeping its due time.
 *
 * <p>Threads: any thread schedules and executes; park and host are called by the container's start/stop threads,
 * serialized by the caller ({@link AdapterHome}). The host is read once per call; a call racing a park that still
 * reaches the leaving host's closed timer or WorkManager is held instead.
 */
final class HandOverScheduler implements BufferScheduler {

    private static final int PENDING = 0;
    private static final int FIRED = 1;
    private static final int CANCELLED = 2;
    private static final int HELD = 3;

    /** The scheduler of the instance hosting the buffers; null while parked. Written under this, read once per call. */
    private volatile BufferScheduler host;
    /** Timers given to the host that have not fired; each removes itself when it fires or is cancelled. */
    private final Set<Timed> onHost = ConcurrentHashMap.newKeySet();
    // Guarded by this: what waits for the next host.
    private final List<Timed> heldTimers = new ArrayList<>();
    private final List<Runnable> heldTasks = new ArrayList<>();

    /** A timed task, wherever it waits: its state decides, once, whether it runs. */
    private final class Timed implements Cancellable {
        private final Runnable task;
        private final long dueNanos;
        private final AtomicInteger state = new AtomicInteger(PENDING);
        private volatile Cancellable onHostTimer; // the host's handle while on a host

        Timed(Runnable task, long dueNanos) {
            this.task = task;
            this.dueNanos = dueNanos;
        }

        void fire() {
            onHost.remove(this);
            if (state.compareAndSet(PENDING, FIRED)) {
                task.run();
            }
        }

        @Override
        public void cancel() {
            if (state.compareAndSet(PENDING, CANCELLED) || state.compareAndSet(HELD, CANCELLED)) {
                onHost.remove(this);
                Cancellable timer = onHostTimer;
                if (timer != null) {
                    timer.cancel();
                }
            }
        }
    }

    @Override
    public void execute(Runnable task) {
        BufferScheduler current = host;
        if (current != null) {
            try {
                current.execute(task);
                return;
            } catch (RejectedExecutionException refused) {
                if (host == current) {
                    throw refused; // a busy WorkManager: the engine tries again shortly
                }
            }
        }
        if (!holdUnlessHosted(task)) {
            execute(task);
        }
    }

    private synchronized boolean holdUnlessHosted(Runnable task) {
        if (host != null) {
            return false;
        }
        heldTasks.add(task);
        return true;
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
        Timed timed = new Timed(task, nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis));
        place(timed);
        return timed;
    }

    /** Puts {@code timed} on the host, or holds it while there is none. */
    private void place(Timed timed) {
        BufferScheduler current = host;
        if (current != null) {
            onHost.add(timed);
            try {
                timed.onHostTimer = current.schedule(timed::fire, remainingMillis(timed));
                return;
            } catch (RuntimeException closed) { // the leaving host's timer, cancelled by a park under way
                onHost.remove(timed);
            }
        }
        synchronized (this) {
            if (host == null) {
                if (timed.state.compareAndSet(PENDING, HELD)) {
                    heldTimers.add(timed);
                }
                return;
            }
        }
        place(timed);
    }

    private long remainingMillis(Timed timed) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(timed.dueNanos - nanoTime() + 999_999));
    }

    /** Takes every timer off the current host and holds it, with what is executed from now on, for the next host. */
    synchronized void park() {
        host = null;
        for (Timed timed : List.copyOf(onHost)) {
            onHost.remove(timed);
            if (timed.state.compareAndSet(PENDING, HELD)) {
                Cancellable timer = timed.onHostTimer;
                if (timer != null) {
                    timer.cancel();
                }
                timed.onHostTimer = null;
                heldTimers.add(timed);
            }
        }
    }

    /** Makes {@code next} the host, handing it what was held: timers at their due time, tasks at once. */
    void host(BufferScheduler next) {
        List<Timed> timers;
        List<Runnable> tasks;
        synchronized (this) {
            host = next;
            timers = List.copyOf(heldTimers);
            tasks = List.copyOf(heldTasks);
            heldTimers.clear();
            heldTasks.clear();
        }
        for (Timed timed : timers) {
            if (timed.state.compareAndSet(HELD, PENDING)) {
                place(timed);
            }
        }
        tasks.forEach(this::execute);
    }

    /** Drops what waits for a host: its buffers are being discarded. */
    synchronized void discardHeld() {
        heldTimers.forEach(Timed::cancel);
        heldTimers.clear();
        heldTasks.clear();
    }

    /** Whether a host runs the buffers' work now. */
    boolean hosted() {
        return host != null;
    }

    /** Timers and tasks waiting for a host (for tests and the log). */
    synchronized int held() {
        return heldTimers.size() + heldTasks.size();
    }
}
