package org.partitionedbuffer.portable.glassfish;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.partitionedbuffer.portable.ServerFiles;
import org.partitionedbuffer.portable.ServerProcess;
import org.partitionedbuffer.portable.ServerUnderTest;
import org.partitionedbuffer.portable.TestApplication;

/**
 * A GlassFish 7 domain driven with asadmin, as GlassFish users do: a fresh domain under target/ ({@code asadmin
 * create-domain --portbase B}, with a base whose ports are all free), every listener on 127.0.0.1 before its first
 * start ({@link FirstStartConfiguration}), {@code asadmin start-domain}, then {@code asadmin deploy} of the RAR and of
 * the application (which sees the adapter's API classes because its glassfish-ejb-jar.xml names the adapter). Stopped with {@code asadmin stop-domain}. Its log for the suite is logs/plain.log, written by a
 * JDK handler, because GlassFish 7.0.20 sometimes writes nothing to server.log ({@link FirstStartConfiguration}).
 *
 * <p>The server's process is not our child: start-domain launches it and exits. Its PID comes from the domain's
 * config/pid file, and that PID is the only process this class ever kills.
 */
public final class GlassFishServer implements ServerUnderTest {

    private static final String DOMAIN = "portable";
    private static final Duration STOP = Duration.ofSeconds(120);
    /**
     * The ports of a domain created with --portbase B, as offsets from B (debugger and OSGi shell included, though
     * unused; JMS is B + 7676, not the B + 76 that create-domain prints).
     */
    private static final List<Integer> PORTS = List.of(9, 37, 38, 39, 48, 66, 76, 80, 81, 86, 7676);
    private static final String RAR_NAME = "partitioned-buffer";

    private final Asadmin asadmin;
    private final Path domainDir;
    private final int portBase;
    private ServerProcess server;

    private GlassFishServer(Asadmin asadmin, Path domainDir, int portBase) {
        this.asadmin = asadmin;
        this.domainDir = domainDir;
        this.portBase = portBase;
    }

    /**
     * Creates the domain {@value #DOMAIN} in target/glassfish-it (replacing what a previous run left) with {@code
     * asadmin create-domain}. Does not start it.
     */
    public static GlassFishServer create(Path home, Path target) throws IOException {
        if (!Files.isRegularFile(home.resolve("bin/asadmin"))) {
            throw new IllegalStateException("No GlassFish at " + home + ": run the build's process-test-resources"
                    + " phase, which unpacks it");
        }
        Path domainsDir = target.resolve("glassfish-it");
        ServerFiles.deleteTree(domainsDir);
        Path log = target.resolve("asadmin.log");
        Files.deleteIfExists(log);
        Asadmin asadmin = new Asadmin(home, log);
        int portBase = ServerFiles.freeOffset(PORTS);
        asadmin.runOrFail(List.of("--user", "admin", "create-domain", "--nopassword", "--portbase",
                String.valueOf(portBase), "--domaindir", domainsDir.toAbsolutePath().toString(), DOMAIN));
        return new GlassFishServer(asadmin, domainsDir.resolve(DOMAIN), portBase);
    }

    @Override
    public String name() {
        return "glassfish";
    }

    /**
     * Starts the domain, lets applications see the classes of every resource adapter (the connector service's
     * class-loading policy; the default, {@code derived}, hides them: the application then fails to deploy), and
     * deploys the RAR under the resource adapter name {@value #RAR_NAME}.
     */
    @Override
    public void startWithAdapter(Path rar, Map<String, String> systemProperties) throws Exception {
        FirstStartConfiguration.write(domainDir, systemProperties);
        asadmin.runOrFail(List.of("start-domain", "--domaindir", domainDir.getParent().toAbsolutePath().toString(),
                DOMAIN));
        long pid = Long.parseLong(Files.readString(domainDir.resolve("config/pid")).trim());
        server = ServerProcess.of(name(), ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("GlassFish (pid " + pid
                + " in config/pid) is not running; see " + domainDir.resolve("logs/server.log"))));
        remote("deploy", "--name", RAR_NAME, rar.toAbsolutePath().toString());
    }

    /** {@code asadmin deploy}: returns once the application has started, its beans activated. */
    @Override
    public void deploy(Path war) {
        remote("deploy", "--name", TestApplication.NAME, "--contextroot", TestApplication.NAME,
                war.toAbsolutePath().toString());
    }

    @Override
    public void undeploy() {
        remote("undeploy", TestApplication.NAME);
    }

    @Override
    public URI http() {
        return URI.create("http://" + FirstStartConfiguration.LOOPBACK + ":" + (portBase + 80) + "/");
    }

    /** {@code asadmin stop-domain} (graceful), then waits for the server's process to end. */
    @Override
    public Duration stop() throws Exception {
        return server.stopWith("stop-domain", this::stopDomain, STOP);
    }

    private void stopDomain() {
        asadmin.run(List.of("stop-domain", "--domaindir", domainDir.getParent().toAbsolutePath().toString(), DOMAIN));
    }

    /** The records of logs/plain.log, which (unlike server.log) GlassFish 7.0.20 writes every time. */
    @Override
    public String log() throws IOException {
        Path log = domainDir.resolve(FirstStartConfiguration.PLAIN_LOG);
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    @Override
    public long pid() {
        return server.pid();
    }

    @Override
    public Path directory() {
        return domainDir;
    }

    /** An asadmin command for the running domain, through its admin listener; fails unless it succeeds. */
    private void remote(String... command) {
        List<String> args = new ArrayList<>(List.of("--host", FirstStartConfiguration.LOOPBACK, "--port",
                String.valueOf(portBase + 48)));
        args.addAll(List.of(command));
        asadmin.runOrFail(args);
    }

    /** stop-domain if the server still runs; kills its PID if it outlives that. Only ever this server's process. */
    @Override
    public void close() {
        if (server != null) {
            server.close(this::stopDomain, STOP);
        }
    }
}
