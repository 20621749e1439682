package org.partitionedbuffer.portable;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one server process a harness started, known by its PID: waited for after a stop command, and killed (it alone)
 * when it outlives that, when the harness closes, or when the tests' JVM ends first.
 */
public final class ServerProcess {

    /** A server's own stop command (jboss-cli {@code shutdown}, {@code asadmin stop-domain}, {@code server stop}). */
    @FunctionalInterface
    public interface StopCommand {
        void run() throws Exception;
    }

    private final String server;
    private final ProcessHandle handle;
    private final Thread killOnExit;

    private ServerProcess(String server, ProcessHandle handle) {
        this.server = server;
        this.handle = handle;
        this.killOnExit = new Thread(this::kill, "kill-" + server);
    }

    /** Takes charge of {@code handle}: from now on it is killed if the tests' JVM ends while it runs. */
    public static ServerProcess of(String server, ProcessHandle handle) {
        ServerProcess process = new ServerProcess(server, handle);
        Runtime.getRuntime().addShutdownHook(process.killOnExit);
        return process;
    }

    public long pid() {
        return handle.pid();
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    /** SIGTERM, what a service manager or Ctrl-C sends. */
    public void terminate() {
        handle.destroy();
    }

    /**
     * Runs {@code stop} and waits up to {@code limit} for the process to end; kills it and fails when it outlives
     * that. Returns how long the process took to end after the command began.
     */
    public Duration stopWith(String what, StopCommand stop, Duration limit) throws Exception {
        long began = System.nanoTime();
        stop.run();
        if (!awaitExit(limit)) {
            kill();
            throw new IllegalStateException(server + " (pid " + pid() + ") did not stop within " + limit + " of "
                    + what + ": killed");
        }
        return Duration.ofNanos(System.nanoTime() - began);
    }

    /** Stops the process with {@code stop} if it still runs, then kills it if it outlived that. */
    public void close(StopCommand stop, Duration limit) {
        try {
            if (handle.isAlive()) {
                stop.run();
                awaitExit(limit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the stop command failed: the kill below
        } finally {
            kill();
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private boolean awaitExit(Duration limit) throws InterruptedException {
        try {
            handle.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private void kill() {
        if (handle.isAlive()) {
            handle.destroyForcibly();
        }
    }
}
