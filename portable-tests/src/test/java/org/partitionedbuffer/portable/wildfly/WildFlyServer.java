package org.partitionedbuffer.portable.wildfly;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.partitionedbuffer.portable.ServerFiles;
import org.partitionedbuffer.portable.ServerProcess;
import org.partitionedbuffer.portable.ServerUnderTest;
import org.partitionedbuffer.portable.TestApplication;

/**
 * A WildFly standalone server driven with jboss-cli, as the README tells users: a fresh copy of the distribution's
 * pristine {@code standalone/} as its base directory, started as one JVM (jboss-modules, no launch script, so the PID
 * is the server's own), every interface on 127.0.0.1 and every socket binding shifted by a port offset whose ports are
 * all free. Every CLI call and its output is appended to target/jboss-cli.log.
 */
public final class WildFlyServer implements ServerUnderTest {

    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration COMMAND = Duration.ofMinutes(3);
    private static final Duration STOP = Duration.ofSeconds(120);
    /** The ports of standalone.xml's socket bindings (http, https, management http/https, ajp, txn recovery/status). */
    private static final List<Integer> BASE_PORTS = List.of(8080, 8443, 9990, 9993, 8009, 4712, 4713);
    private static final String WAR = TestApplication.NAME + ".war";

    /** The server configuration the README gives: MDBs' pool and adapter, and the RAR activated. */
    static final List<String> SETUP = List.of(
            "/subsystem=ejb3:write-attribute(name=default-mdb-instance-pool, value=mdb-strict-max-pool)",
            "/subsystem=ejb3:write-attribute(name=default-resource-adapter-name, value=partitioned-buffer.rar)",
            "/subsystem=resource-adapters/resource-adapter=partitioned-buffer.rar:add("
                    + "archive=partitioned-buffer.rar, transaction-support=NoTransaction)");

    private final Path home;
    private final Path baseDir;
    private final int offset;
    private final Path cliLog;
    private Process launched;
    private ServerProcess process;

    private WildFlyServer(Path home, Path baseDir, int offset, Path cliLog) {
        this.home = home;
        this.baseDir = baseDir;
        this.offset = offset;
        this.cliLog = cliLog;
    }

    /** Copies {@code home}'s standalone/ to target/wildfly-it (replacing what a previous run left). Does not start. */
    public static WildFlyServer create(Path home, Path target) throws IOException {
        Path pristine = home.resolve("standalone");
        if (!Files.isRegularFile(pristine.resolve("configuration/standalone.xml"))) {
            throw new IllegalStateException("No WildFly at " + home + ": run the build's process-test-resources"
                    + " phase, which unpacks it");
        }
        Path baseDir = target.resolve("wildfly-it");
        ServerFiles.deleteTree(baseDir);
        ServerFiles.copyTree(pristine, baseDir);
        Path cliLog = target.resolve("jboss-cli.log");
        Files.deleteIfExists(cliLog);
        return new WildFlyServer(home, baseDir, ServerFiles.freeOffset(BASE_PORTS), cliLog);
    }

    @Override
    public String name() {
        return "wildfly";
    }

    @Override
    public void startWithAdapter(Path rar, Map<String, String> systemProperties) throws Exception {
        start(systemProperties);
        cliOrFail(SETUP.toArray(String[]::new));
        cliOrFail("deploy " + rar.toAbsolutePath());
    }

    @Override
    public void deploy(Path war) {
        cliOrFail("deploy " + war.toAbsolutePath());
    }

    @Override
    public void undeploy() {
        cliOrFail("undeploy " + WAR);
    }

    @Override
    public URI http() {
        return URI.create("http://127.0.0.1:" + (8080 + offset) + "/");
    }

    /**
     * {@code shutdown} through the CLI (a graceful shutdown: WildFly suspends, then stops), then waits for the
     * process to exit.
     */
    @Override
    public Duration stop() throws Exception {
        return stopWith("shutdown");
    }

    /** Stops with the given CLI command (e.g. {@code shutdown(suspend-timeout=30)}) and waits for the exit. */
    public Duration stopWith(String command) throws Exception {
        return process.stopWith("'" + command + "'", () -> cli(command), STOP);
    }

    /** SIGTERM to the server's process (what a service manager or Ctrl-C sends), then waits for the exit. */
    public Duration terminate() throws Exception {
        return process.stopWith("SIGTERM", process::terminate, STOP);
    }

    @Override
    public String log() throws IOException {
        Path log = baseDir.resolve("log/server.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public Path directory() {
        return baseDir;
    }

    /** Starts the server and waits until it logs that it started. */
    private void start(Map<String, String> systemProperties) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx768m",
                "-Djboss.home.dir=" + home,
                "-Djboss.server.base.dir=" + baseDir,
                "-Djboss.socket.binding.port-offset=" + offset,
                "-Djava.net.preferIPv4Stack=true",
                "-Djboss.modules.system.pkgs=jdk.nashorn.api,com.sun.crypto.provider",
                "--add-exports=java.desktop/sun.awt=ALL-UNNAMED",
                "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
                "--add-exports=java.naming/com.sun.jndi.url.ldap=ALL-UNNAMED",
                "--add-exports=java.naming/com.sun.jndi.url.ldaps=ALL-UNNAMED",
                "--add-exports=jdk.naming.dns/com.sun.jndi.dns=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.base/java.net=ALL-UNNAMED",
                "--add-opens=java.base/java.security=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-opens=java.management/javax.management=ALL-UNNAMED",
                "--add-opens=java.naming/javax.naming=ALL-UNNAMED"));
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of(
                "-jar", home.resolve("jboss-modules.jar").toString(),
                "-mp", home.resolve("modules").toString(),
                "org.jboss.as.standalone",
                "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                "-c", "standalone.xml"));
        Path console = baseDir.resolve("console.log");
        launched = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        process = ServerProcess.of(name(), launched.toHandle());
        await("WildFly's start").atMost(START).pollInterval(Duration.ofMillis(250)).until(() -> started(console));
    }

    /** Whether the server reports itself started; throws when it exited or started with errors. */
    private boolean started(Path console) throws IOException {
        if (!launched.isAlive()) {
            throw new IllegalStateException("WildFly exited (" + launched.exitValue() + "): " + Files.readString(console));
        }
        String log = log();
        if (log.contains("WFLYSRV0026")) {
            throw new IllegalStateException("WildFly started with errors: " + log);
        }
        return log.contains("WFLYSRV0025"); // "WildFly ... started in N ms"
    }

    /** What a jboss-cli call returned: its exit code and everything it printed. */
    public record Result(int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** jboss-cli connected to this server, running {@code commands} (one per line, a CLI batch file). */
    Result cli(String... commands) {
        try {
            Path script = Files.createTempFile("cli", ".txt");
            Path output = Files.createTempFile("cli", ".out");
            try {
                Files.writeString(script, String.join("\n", commands) + "\n");
                List<String> command = List.of(home.resolve("bin/jboss-cli.sh").toString(), "--connect",
                        "--controller=remote+http://127.0.0.1:" + (9990 + offset), "--file=" + script);
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile());
                builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
                builder.environment().put("JBOSS_HOME", home.toString());
                LocalTime began = LocalTime.now();
                Process cli = builder.start();
                if (!cli.waitFor(COMMAND.toMillis(), TimeUnit.MILLISECONDS)) {
                    cli.destroyForcibly();
                    cli.waitFor(10, TimeUnit.SECONDS);
                }
                int exit = cli.isAlive() ? -1 : cli.exitValue();
                Result result = new Result(exit, Files.readString(output, StandardCharsets.UTF_8).trim());
                Files.writeString(cliLog, began + " jboss-cli " + String.join(" ; ", commands) + "\n  -> exit " + exit
                        + " after " + Duration.between(began, LocalTime.now()).toMillis() + " ms: "
                        + result.output().replace("\n", "\n     ") + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                return result;
            } finally {
                Files.deleteIfExists(script);
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during jboss-cli", e);
        }
    }

    public Result cliOrFail(String... commands) {
        Result result = cli(commands);
        if (!result.succeeded() || result.output().contains("\"outcome\" => \"failed\"")) {
            throw new AssertionError("jboss-cli " + String.join(" ; ", commands) + " failed (" + result.exitCode()
                    + "): " + result.output());
        }
        return result;
    }

    /** shutdown; if it fails or the process outlives it, the PID is killed. Only ever this server's own process. */
    @Override
    public void close() {
        if (process != null) {
            process.close(() -> cli("shutdown"), STOP);
        }
    }

    /** The HTTP management interface, e.g. {@code http://127.0.0.1:9990/} (a Prometheus registry's context is there). */
    public URI management() {
        return URI.create("http://127.0.0.1:" + (9990 + offset) + "/");
    }
}
