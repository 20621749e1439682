package org.partitionedbuffer.it;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Micro that a test starts itself, for what Arquillian's container cannot do (several applications in one
 * server, deployments meant to fail): on 127.0.0.1 and a free port, without Hazelcast or phone-home, the resource
 * adapter deployed first, its whole output in a log file under {@code target/}. Always close it: that stops the
 * process it started (and only that one).
 */
final class ScriptedMicro implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(3);

    private final Process process;
    private final Thread killOnExit;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ScriptedMicro(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        // If the test JVM ends without close() (a crash, a kill), the server must not outlive it.
        this.killOnExit = new Thread(process::destroyForcibly, "stop-scripted-payara-micro");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts the server with {@code jvmOptions}, deploying partitioned-buffer.rar then {@code applications} in that
     * order, and waits until it reports ready (which it does even when deployments failed: read the log).
     */
    static ScriptedMicro start(String logName, List<String> jvmOptions, File... applications) throws IOException {
        File target = target();
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(new File(System.getProperty("java.home"), "bin/java").getPath());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", new File(target, "payara-micro.jar").getPath(),
                "--nohazelcast", "--disablephonehome", "--port", Integer.toString(port),
                "--prebootcommandfile", new File(target, "test-classes/preboot.asadmin").getPath(),
                "--deploy", new File(target, "partitioned-buffer.rar").getPath()));
        for (File application : applications) {
            command.addAll(List.of("--deploy", application.getPath()));
        }
        Path log = target.toPath().resolve(logName);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ScriptedMicro micro = new ScriptedMicro(process, log, port);
        try {
            await().atMost(STARTUP).pollInterval(Duration.ofMillis(250))
                    .until(() -> micro.log().contains(" ready in ") || !process.isAlive());
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with " + process.exitValue() + "; see " + log);
            }
            return micro;
        } catch (RuntimeException | Error e) {
            micro.close();
            throw e;
        }
    }

    static File target() {
        return new File(Objects.requireNonNull(System.getProperty("it.target"), "it.target"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Everything the server printed so far. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path logFile() {
        return log;
    }

    /** GET http://127.0.0.1:port/path. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stops the server: SIGTERM, then a forced kill if it has not exited within 60 s. */
    @Override
    public void close() {
        try {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }
}
