package org.partitionedbuffer.portable.liberty;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.partitionedbuffer.portable.ServerFiles;
import org.partitionedbuffer.portable.LoopbackListeners;
import org.partitionedbuffer.portable.ServerJmx;
import org.partitionedbuffer.portable.ServerProcess;
import org.partitionedbuffer.portable.ServerUnderTest;
import org.partitionedbuffer.portable.TestApplication;

/**
 * An Open Liberty server driven as its users drive it: a server directory of its own under target/ (WLP_USER_DIR, so
 * the unpacked runtime stays pristine) with a {@code server.xml} and a {@code jvm.options}, {@code bin/server start} and
 * {@code bin/server stop}, and the application deployed and undeployed by adding and removing its
 * {@code <webApplication>} element (Liberty polls server.xml and applies the change). The RAR and the WAR are copied
 * into the server directory, where a user would put them. Every server command and its output is appended to
 * target/liberty-commands.log.
 *
 * <p>Diagnosis knobs (system properties of the test JVM): {@code it.libertyTrace} sets the server's
 * {@code traceSpecification} (trace goes to logs/trace.log); {@code it.libertyJvmOptions} adds JVM options,
 * separated by spaces.
 */
public final class LibertyServer implements ServerUnderTest {

    static final String SERVER = "partitioned-buffer-it";
    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration CHANGE = Duration.ofMinutes(2);
    /** The stop quiesces for up to 30 s, then stops the applications and the adapter: generous. */
    private static final Duration STOP = Duration.ofMinutes(3);
    /** How long the buffers may take to deliver what they hold before the stop (the beans' processingTimeoutMs). */
    private static final Duration FLUSH_BEFORE_STOP = Duration.ofSeconds(60);
    private static final String RAR = "partitioned-buffer.rar";
    private static final String WAR = TestApplication.NAME + ".war";

    private final Path home;
    private final Path userDir;
    private final Path serverDir;
    private final int httpPort;
    private final Path commandLog;
    private ServerProcess process;

    private LibertyServer(Path home, Path userDir, int httpPort, Path commandLog) {
        this.home = home;
        this.userDir = userDir;
        this.serverDir = userDir.resolve("servers").resolve(SERVER);
        this.httpPort = httpPort;
        this.commandLog = commandLog;
    }

    /** A fresh WLP_USER_DIR at target/liberty-usr (replacing what a previous run left). Does not start. */
    public static LibertyServer create(Path home, Path target) throws IOException {
        if (!Files.isRegularFile(home.resolve("bin/server"))) {
            throw new IllegalStateException("No Open Liberty at " + home + ": run the build's process-test-resources"
                    + " phase, which unpacks it");
        }
        Path userDir = target.resolve("liberty-usr");
        ServerFiles.deleteTree(userDir);
        Path commandLog = target.resolve("liberty-commands.log");
        Files.deleteIfExists(commandLog);
        int port = 9080 + ServerFiles.freeOffset(List.of(9080));
        return new LibertyServer(home.toAbsolutePath(), userDir.toAbsolutePath(), port, commandLog);
    }

    @Override
    public String name() {
        return "liberty";
    }

    /**
     * Writes server.xml (features, listener, adapter, one activationSpec per bean, no application yet) and
     * jvm.options, runs {@code server start}, and waits until the server is ready with the adapter installed.
     */
    @Override
    public void startWithAdapter(Path rar, Map<String, String> systemProperties) throws Exception {
        Files.createDirectories(serverDir.resolve("connectors"));
        Files.createDirectories(serverDir.resolve("apps"));
        Files.copy(rar, serverDir.resolve("connectors").resolve(RAR), StandardCopyOption.REPLACE_EXISTING);
        List<String> jvmOptions = new ArrayList<>(List.of("-Xms256m", "-Xmx768m"));
        systemProperties.forEach((key, value) -> jvmOptions.add("-D" + key + "=" + value));
        String extra = System.getProperty("it.libertyJvmOptions", "").trim();
        if (!extra.isEmpty()) {
            jvmOptions.addAll(List.of(extra.split("\\s+")));
        }
        Files.write(serverDir.resolve("jvm.options"), jvmOptions, StandardCharsets.UTF_8);
        writeServerXml(false);
        Result start = server("start", SERVER);
        if (start.exitCode() != 0) {
            throw new IllegalStateException("server start failed (" + start.exitCode() + "): " + start.output()
                    + "\n" + console());
        }
        process = ServerProcess.of(name(), ProcessHandle.of(Long.parseLong(Files.readString(pidFile()).trim()))
                .orElseThrow(() -> new IllegalStateException("server start wrote a PID that does not run")));
        awaitLog(0, START, "CWWKF0011I", "J2CA7001I"); // server ready; resource adapter installed
        requireLoopbackListeners();
    }

    /** Copies the WAR to apps/ and adds its {@code <webApplication>}; waits for the start and the 6 activations. */
    @Override
    public void deploy(Path war) throws IOException {
        Files.copy(war, serverDir.resolve("apps").resolve(WAR), StandardCopyOption.REPLACE_EXISTING);
        int from = log().length();
        writeServerXml(true);
        // CWWKZ0001I: Application buffers-app started; J2CA8801I: one per message endpoint activated.
        awaitLog(from, CHANGE, "CWWKZ0001I: Application " + TestApplication.NAME + " started");
        await("the beans' activation").atMost(CHANGE).pollInterval(Duration.ofMillis(200))
                .until(() -> count(log().substring(from), "J2CA8801I") >= TestApplication.BEANS.size());
    }

    /** Removes the {@code <webApplication>} element; waits until Liberty says the application stopped. */
    @Override
    public void undeploy() throws IOException {
        int from = log().length();
        writeServerXml(false);
        awaitLog(from, CHANGE, "CWWKZ0009I: The application " + TestApplication.NAME + " has stopped");
    }

    @Override
    public URI http() {
        return URI.create("http://127.0.0.1:" + httpPort + "/");
    }

    /**
     * What the README tells Liberty users: every buffer's {@code flushAndWait} over JMX, then {@code server stop}.
     * 25.0.0.11 gives the adapter no reliable moment to deliver at its stop (it pauses the beans while it deactivates
     * them), so the buffers deliver what they hold just before.
     */
    @Override
    public Duration stop() throws Exception {
        try (ServerJmx jmx = ServerJmx.attach(pid())) {
            jmx.flushAndWaitAll(FLUSH_BEFORE_STOP);
        }
        return stopCommand();
    }

    /** {@code server stop} alone (a quiesce, then the stop), then waits for the server's process to end. */
    public Duration stopCommand() throws Exception {
        return process.stopWith("'server stop'", this::serverStop, STOP);
    }

    private void serverStop() {
        server("stop", SERVER, "--timeout=" + STOP.toSeconds() + "s");
    }

    @Override
    public String log() throws IOException {
        Path log = serverDir.resolve("logs/messages.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public Path directory() {
        return serverDir;
    }

    /** server.xml as a user writes it; with or without the application. Liberty applies each rewrite. */
    private void writeServerXml(boolean withApplication) throws IOException {
        String activationSpecs = TestApplication.BEANS.stream()
                .map(bean -> "    <activationSpec id=\"" + TestApplication.NAME + "/" + bean + "\">"
                        + "<properties.partitioned-buffer/></activationSpec>\n")
                .collect(Collectors.joining());
        String application = !withApplication ? "" : """
                    <webApplication id="%1$s" name="%1$s" location="%2$s" contextRoot="/%1$s">
                        <!-- the adapter's API (BatchListener, BufferConnectionFactory) for the application -->
                        <classloader classProviderRef="partitioned-buffer"/>
                    </webApplication>
                """.formatted(TestApplication.NAME, WAR);
        String trace = Optional.ofNullable(System.getProperty("it.libertyTrace")).filter(spec -> !spec.isBlank())
                .map(spec -> "    <logging traceSpecification=\"" + spec + "\" maxFileSize=\"100\" maxFiles=\"5\"/>\n")
                .orElse("");
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <server description="Partitioned Buffer portable suite">
                    <featureManager>
                        <feature>connectors-2.1</feature>
                        <feature>mdb-4.0</feature>
                        <feature>enterpriseBeansLite-4.0</feature>
                        <feature>servlet-6.0</feature>
                        <feature>cdi-4.0</feature>
                        <feature>mpConfig-3.1</feature>
                    </featureManager>
                    <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="%d" httpsPort="-1"/>
                    <resourceAdapter id="partitioned-buffer" location="${server.config.dir}/connectors/%s"/>
                    <!-- one per message-driven bean, id APPLICATION/BEAN (else CNTR4015W and the bean stays inactive) -->
                %s%s%s</server>
                """.formatted(httpPort, RAR, activationSpecs, application, trace);
        // Written whole and moved into place, so that Liberty's poll never reads half a file.
        Path temporary = serverDir.resolve("server.xml.new");
        Files.writeString(temporary, xml, StandardCharsets.UTF_8);
        Files.move(temporary, serverDir.resolve("server.xml"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits until the log, from character {@code from} on, holds every one of {@code messages}. */
    private void awaitLog(int from, Duration limit, String... messages) {
        await("Open Liberty to log " + String.join(", ", messages)).atMost(limit).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("Open Liberty exited: " + console());
                    }
                    String log = log();
                    String since = log.length() >= from ? log.substring(from) : log; // a rolled-over log starts anew
                    return List.of(messages).stream().allMatch(since::contains);
                });
    }

    private static int count(String text, String message) {
        int count = 0;
        for (int at = text.indexOf(message); at >= 0; at = text.indexOf(message, at + 1)) {
            count++;
        }
        return count;
    }

    /** Fails when the server's process listens anywhere but 127.0.0.1. */
    private void requireLoopbackListeners() throws IOException, InterruptedException {
        List<String> listeners = LoopbackListeners.require("Open Liberty", pid());
        appendToCommandLog("listeners of pid " + pid() + ": " + String.join(" ", listeners) + "\n");
    }

    private Path pidFile() {
        return userDir.resolve("servers/.pid").resolve(SERVER + ".pid"); // WLP_OUTPUT_DIR/.pid/NAME.pid
    }

    private String console() throws IOException {
        Path console = serverDir.resolve("logs/console.log");
        return Files.exists(console) ? Files.readString(console, StandardCharsets.UTF_8) : "(no console.log)";
    }

    /** What a {@code bin/server} command returned: its exit code and everything it printed. */
    record Result(int exitCode, String output) {
    }

    /** {@code bin/server ARGS} for this server's WLP_USER_DIR, with the test's own JDK. */
    Result server(String... arguments) {
        try {
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/server").toString()));
            command.addAll(List.of(arguments));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("WLP_USER_DIR", userDir.toString());
            LocalTime began = LocalTime.now();
            Process running = builder.start();
            String output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int exit = running.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS) ? running.exitValue() : -1;
            appendToCommandLog(began + " server " + String.join(" ", arguments) + "\n  -> exit " + exit + " after "
                    + Duration.between(began, LocalTime.now()).toMillis() + " ms: " + output.replace("\n", "\n     ")
                    + "\n");
            return new Result(exit, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during server " + String.join(" ", arguments), e);
        }
    }

    private void appendToCommandLog(String text) throws IOException {
        Files.writeString(commandLog, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** server stop; if it fails or the process outlives it, the PID is killed. Only ever this server's own process. */
    @Override
    public void close() {
        if (process != null) {
            process.close(this::serverStop, STOP);
        }
    }
}
