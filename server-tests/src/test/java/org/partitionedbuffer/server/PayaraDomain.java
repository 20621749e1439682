package org.partitionedbuffer.server;

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
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Payara Server domain that a test creates and drives with asadmin: a fresh copy of the distribution's pristine
 * domain1 with every listener on 127.0.0.1 and on free ports, Hazelcast off and the embedded JMS broker disabled (it
 * would listen on all interfaces). Every asadmin call and its output is appended to target/asadmin.log. Always close
 * it: stop-domain, then a kill of the PID read from the domain's config/pid if the server is still running.
 *
 * <p>It does not take /tmp/pb-server.lock itself (run the tests under {@code flock}): a lock taken here would wait
 * forever for the {@code flock} that wraps the Maven run.
 */
final class PayaraDomain implements AutoCloseable {

    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration COMMAND = Duration.ofMinutes(3);
    private static final Duration STOP = Duration.ofSeconds(90);

    private final Path payaraHome;
    private final Path domainsDir;
    private final String name;
    private final Map<String, Integer> ports;
    private final Path asadminLog;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private volatile Long pid;
    private final Thread killOnExit = new Thread(this::kill, "kill-payara-domain");

    /** What an asadmin call returned: its exit code and everything it printed. */
    record Result(int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    private PayaraDomain(Path payaraHome, Path domainsDir, String name, Map<String, Integer> ports, Path asadminLog) {
        this.payaraHome = payaraHome;
        this.domainsDir = domainsDir;
        this.name = name;
        this.ports = ports;
        this.asadminLog = asadminLog;
    }

    /**
     * Copies {@code payaraHome}'s domain1 to {@code domainsDir/name} (replacing what a previous run left) and rewrites
     * its server configuration for loopback and free ports. Does not start it.
     */
    static PayaraDomain create(Path payaraHome, Path domainsDir, String name, Path asadminLog) throws IOException {
        Path pristine = payaraHome.resolve("glassfish/domains/domain1");
        if (!Files.isRegularFile(pristine.resolve("config/domain.xml"))) {
            throw new IllegalStateException("No Payara Server at " + payaraHome + ": run the build's"
                    + " process-test-resources phase, which unpacks it");
        }
        Path domain = domainsDir.resolve(name);
        deleteTree(domain);
        copyTree(pristine, domain);
        Map<String, Integer> ports = new HashMap<>();
        for (String listener : List.of("admin-listener", "http-listener-1", "http-listener-2", "orb-listener-1", "SSL",
                "SSL_MUTUALAUTH", "jmx", "jms")) {
            ports.put(listener, freePort());
        }
        Path domainXml = domain.resolve("config/domain.xml");
        Files.writeString(domainXml, onLoopback(Files.readString(domainXml), ports));
        return new PayaraDomain(payaraHome, domainsDir, name, ports, asadminLog);
    }

    /**
     * The server-config section of domain.xml with every listener on 127.0.0.1 and the given ports, Hazelcast
     * disabled, and a DISABLED jms-service (the default EMBEDDED broker listens on all interfaces).
     */
    static String onLoopback(String domainXml, Map<String, Integer> ports) {
        Matcher config = Pattern.compile("(?s)<config name=\"server-config\">.*?</config>").matcher(domainXml);
        if (!config.find()) {
            throw new IllegalStateException("domain.xml has no server-config");
        }
        String section = config.group();
        section = rewriteTags(section, "network-listener", "name", ports);
        section = rewriteTags(section, "iiop-listener", "id", ports);
        section = rewriteTags(section, "jmx-connector", null, Map.of("", ports.get("jmx")));
        section = section.replaceFirst("<system-property name=\"JMS_PROVIDER_PORT\" value=\"\\d+\"",
                "<system-property name=\"JMS_PROVIDER_PORT\" value=\"" + ports.get("jms") + "\"");
        section = section.replace("<hazelcast-config-specific-configuration>",
                "<hazelcast-config-specific-configuration enabled=\"false\">");
        if (!section.contains("<jms-service")) {
            section = section.replace("<config name=\"server-config\">", "<config name=\"server-config\">\n"
                    + "            <jms-service type=\"DISABLED\" default-jms-host=\"default_JMS_host\">\n"
                    + "                <jms-host name=\"default_JMS_host\" host=\"127.0.0.1\""
                    + " port=\"${JMS_PROVIDER_PORT}\" lazy-init=\"true\"></jms-host>\n"
                    + "            </jms-service>");
        }
        if (!section.contains("enabled=\"false\"") || section.contains("0.0.0.0")) {
            throw new IllegalStateException("domain.xml not rewritten as expected: " + section);
        }
        return domainXml.substring(0, config.start()) + section + domainXml.substring(config.end());
    }

    /** Sets address=127.0.0.1 and port=ports[key] on every {@code <tag ...>}, key read from attribute keyAttribute. */
    private static String rewriteTags(String xml, String tag, String keyAttribute, Map<String, Integer> ports) {
        Matcher matcher = Pattern.compile("<" + tag + "\\b[^>]*>").matcher(xml);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String element = matcher.group();
            String key = keyAttribute == null ? "" : attribute(element, keyAttribute);
            Integer port = ports.get(key);
            if (port == null) {
                throw new IllegalStateException("No port chosen for " + element);
            }
            element = withAttribute(withAttribute(element, "address", "127.0.0.1"), "port", port.toString());
            matcher.appendReplacement(out, Matcher.quoteReplacement(element));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String attribute(String element, String attribute) {
        Matcher value = Pattern.compile("\\s" + attribute + "=\"([^\"]*)\"").matcher(element);
        return value.find() ? value.group(1) : "";
    }

    /** The element with attribute set to value: replaced where present, else added after the tag name. */
    private static String withAttribute(String element, String attribute, String value) {
        String setting = " " + attribute + "=\"" + value + "\"";
        Matcher present = Pattern.compile("\\s" + attribute + "=\"[^\"]*\"").matcher(element);
        return present.find()
                ? element.substring(0, present.start()) + setting + element.substring(present.end())
                : element.replaceFirst("^<([\\w-]+)", "<$1" + Matcher.quoteReplacement(setting));
    }

    /**
     * start-domain, then the PID from config/pid, killed at JVM exit if close() never runs. The PID is read even when
     * start-domain fails (e.g. it timed out), so close() can still stop a server that did start.
     */
    void start() {
        Result started = run(START, "start-domain", "--domaindir", domainsDir.toString(), name);
        pid = readPid().orElse(null);
        if (pid != null) {
            Runtime.getRuntime().addShutdownHook(killOnExit);
        }
        if (!started.succeeded() || pid == null) {
            throw new IllegalStateException("start-domain failed (" + started.exitCode() + "), pid file "
                    + (pid == null ? "missing" : pid) + ": " + started.output());
        }
    }

    /** A remote asadmin command on this domain's admin port. */
    Result asadmin(String... arguments) {
        List<String> command = new ArrayList<>(List.of("--host", "127.0.0.1", "--port",
                ports.get("admin-listener").toString()));
        command.addAll(List.of(arguments));
        return run(COMMAND, command.toArray(String[]::new));
    }

    /** Like asadmin(), failing with the command's output when it does not succeed. */
    Result asadminOrFail(String... arguments) {
        Result result = asadmin(arguments);
        if (!result.succeeded()) {
            throw new AssertionError("asadmin " + String.join(" ", arguments) + " failed (" + result.exitCode()
                    + "): " + result.output());
        }
        return result;
    }

    private Result run(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(payaraHome.resolve("bin/asadmin").toString());
        command.add("--interactive=false");
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AS_JAVA", System.getProperty("java.home")); // the JDK running the tests
        try {
            Path output = Files.createTempFile("asadmin", ".out");
            LocalTime began = LocalTime.now();
            try {
                Process process = builder.redirectOutput(output.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
                int exit = process.isAlive() ? -1 : process.exitValue();
                Result result = new Result(exit, Files.readString(output, StandardCharsets.UTF_8).trim());
                Files.writeString(asadminLog, began + " asadmin " + String.join(" ", arguments) + "\n  -> exit "
                        + exit + " after " + Duration.between(began, LocalTime.now()).toMillis() + " ms: "
                        + result.output().replace("\n", "\n     ") + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                return result;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during asadmin " + String.join(" ", arguments), e);
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return http.send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get("http-listener-1") + path))
                .timeout(Duration.ofMinutes(1));
    }

    Path domainDir() {
        return domainsDir.resolve(name);
    }

    Path serverLog() {
        return domainDir().resolve("logs/server.log");
    }

    /** stop-domain; if it fails or the process outlives it, the PID is killed. Only ever this domain's own PID. */
    @Override
    public void close() {
        if (pid == null) {
            return;
        }
        try {
            Result stopped = run(STOP, "stop-domain", "--domaindir", domainsDir.toString(), name);
            Optional<ProcessHandle> server = ProcessHandle.of(pid);
            if (!stopped.succeeded() || server.map(ProcessHandle::isAlive).orElse(false)) {
                server.ifPresent(process -> process.onExit().orTimeout(30, TimeUnit.SECONDS)
                        .exceptionally(timeout -> null).join());
                kill();
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private void kill() {
        Long running = pid;
        if (running != null) {
            ProcessHandle.of(running).filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private Optional<Long> readPid() {
        try {
            Path file = domainDir().resolve("config/pid");
            return Files.exists(file) ? Optional.of(Long.parseLong(Files.readString(file).trim())) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
