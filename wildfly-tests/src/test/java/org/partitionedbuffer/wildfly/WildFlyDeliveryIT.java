package org.partitionedbuffer.wildfly;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.wildfly.app.DeliveryLog;
import org.partitionedbuffer.wildfly.app.FastBean;
import org.partitionedbuffer.wildfly.app.PushServlet;
import org.partitionedbuffer.wildfly.app.SlowBean;

/**
 * The adapter on WildFly standalone.xml, configured with jboss-cli as a user would: the RAR deployed and activated in
 * the resource-adapters subsystem, a default MDB pool, and a WAR whose beans are bound to the adapter by jboss-ejb3.xml
 * and that sees the API through jboss-deployment-structure.xml. Items pushed through the WAR's
 * {@code @ConnectionFactoryDefinition} factory reach its bean exactly once; items still pending at a clean
 * {@code shutdown} are delivered before the server exits (asserted unless {@code -Dit.shutdownFlushRecordOnly=true},
 * which only records what happened in target/wildfly-shutdown.txt).
 */
class WildFlyDeliveryIT {

    private static final int ITEMS = 3_000;
    private static final Path TARGET = Path.of(System.getProperty("it.target", "target"));
    private static final Path HOME = Path.of(System.getProperty("it.wildflyHome", "target/wildfly"));
    private static final Path RAR = Path.of(System.getProperty("it.rar", "target/partitioned-buffer.rar"));
    private static final boolean RECORD_ONLY = Boolean.getBoolean("it.shutdownFlushRecordOnly");

    /** The application's descriptors: the RAR's classes, and both beans bound to the adapter. */
    static final String DEPLOYMENT_STRUCTURE = """
            <jboss-deployment-structure xmlns="urn:jboss:deployment-structure:1.3">
                <deployment>
                    <dependencies>
                        <module name="deployment.partitioned-buffer.rar"/>
                    </dependencies>
                </deployment>
            </jboss-deployment-structure>
            """;
    static final String EJB3 = """
            <ejb-jar xmlns="urn:jboss:jakartaee:1.0" xmlns:jakartaee="https://jakarta.ee/xml/ns/jakartaee"
                     xmlns:mdb="urn:resource-adapter-binding:2.0" version="4.0">
                <jakartaee:assembly-descriptor>
                    <mdb:resource-adapter-binding>
                        <jakartaee:ejb-name>*</jakartaee:ejb-name>
                        <mdb:resource-adapter-name>partitioned-buffer.rar</mdb:resource-adapter-name>
                    </mdb:resource-adapter-binding>
                </jakartaee:assembly-descriptor>
            </ejb-jar>
            """;

    @Test
    void deliversExactlyOnceAndOnShutdownDeliversWhatIsPending() throws Exception {
        long began = System.nanoTime();
        Path report = TARGET.resolve("wildfly-shutdown.txt");
        Files.deleteIfExists(report);
        Path war = TARGET.resolve("buffers-app.war");
        application().as(ZipExporter.class).exportTo(war.toFile(), true);
        try (WildFlyServer server = WildFlyServer.create(HOME, TARGET.resolve("wildfly-it"),
                TARGET.resolve("jboss-cli.log"))) {
            server.start();
            note(report, "started, pid " + server.pid() + ", after " + seconds(began));
            note(report, "listening: " + listening(server.pid()));
            server.cliOrFail(
                    "/subsystem=ejb3:write-attribute(name=default-mdb-instance-pool, value=mdb-strict-max-pool)",
                    "/subsystem=ejb3:write-attribute(name=default-resource-adapter-name, value=partitioned-buffer.rar)",
                    "/subsystem=resource-adapters/resource-adapter=partitioned-buffer.rar:add("
                            + "archive=partitioned-buffer.rar, transaction-support=NoTransaction)");
            server.cliOrFail("deploy " + RAR.toAbsolutePath());
            server.cliOrFail("deploy " + war.toAbsolutePath());
            note(report, "deployed after " + seconds(began));

            HttpResponse<String> pushed = server.post("/buffers-app/push?buffer=" + FastBean.BUFFER
                    + "&from=0&count=" + ITEMS);
            assertEquals(200, pushed.statusCode(), pushed.body());
            Path log = server.dataDir().resolve(DeliveryLog.FILE_NAME);
            await().atMost(Duration.ofSeconds(60)).until(() -> delivered(log, FastBean.BUFFER).size() >= ITEMS);
            // A duplicate would show up meanwhile: the count must hold still at ITEMS for half a second.
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> delivered(log, FastBean.BUFFER).size() == ITEMS);
            assertEquals("", exactlyOnceProblems(delivered(log, FastBean.BUFFER), ids(0, ITEMS)));
            note(report, ITEMS + " items pushed to '" + FastBean.BUFFER + "' delivered exactly once after "
                    + seconds(began));

            pushed = server.post("/buffers-app/push?buffer=" + SlowBean.BUFFER + "&from=0&count=" + ITEMS);
            assertEquals(200, pushed.statusCode(), pushed.body());
            assertEquals(String.valueOf(ITEMS), server.get("/buffers-app/size?buffer=" + SlowBean.BUFFER).body());
            Duration stop = server.shutdown("shutdown");
            note(report, ITEMS + " items pending in '" + SlowBean.BUFFER + "' (processingIntervalMs=600000); "
                    + "jboss-cli 'shutdown': the process exited after " + stop.toMillis() + " ms");
            List<String> slow = delivered(log, SlowBean.BUFFER);
            String problems = exactlyOnceProblems(slow, ids(0, ITEMS));
            note(report, "delivered before the exit: " + slow.size() + " of " + ITEMS + (problems.isEmpty()
                    ? ", each exactly once" : "; " + problems));
            note(report, "server.log lines of the adapter and the shutdown:\n" + interestingLines(server.serverLog()));
            note(report, "total " + seconds(began));
            if (!RECORD_ONLY) {
                assertEquals("", problems, "pending items at a clean shutdown; see " + report);
            }
        }
    }

    static WebArchive application() {
        return ShrinkWrap.create(WebArchive.class, "buffers-app.war")
                .addClasses(DeliveryLog.class, FastBean.class, SlowBean.class, PushServlet.class)
                .addAsWebInfResource(new StringAsset(DEPLOYMENT_STRUCTURE), "jboss-deployment-structure.xml")
                .addAsWebInfResource(new StringAsset(EJB3), "jboss-ejb3.xml");
    }

    /** The ids the given buffer's bean recorded, in order. */
    static List<String> delivered(Path log, String buffer) throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        String complete = text.substring(0, text.lastIndexOf('\n') + 1);
        String prefix = buffer + "|";
        return complete.lines().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                .toList();
    }

    static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "i-" + i).toList();
    }

    /** Empty when each expected id was delivered exactly once; else how many are missing and duplicated. */
    static String exactlyOnceProblems(List<String> delivered, List<String> expected) {
        Map<String, Long> counts = delivered.stream()
                .collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new, Collectors.counting()));
        List<String> missing = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        for (String id : expected) {
            long times = counts.getOrDefault(id, 0L);
            if (times == 0) {
                missing.add(id);
            } else if (times > 1) {
                duplicated.add(id + " x" + times);
            }
        }
        if (missing.isEmpty() && duplicated.isEmpty() && delivered.size() == expected.size()) {
            return "";
        }
        return expected.size() + " expected, " + delivered.size() + " delivered, " + missing.size()
                + " never delivered, " + duplicated.size() + " delivered more than once";
    }

    private static String interestingLines(Path serverLog) throws IOException {
        if (!Files.exists(serverLog)) {
            return "(no server.log)";
        }
        return Files.readAllLines(serverLog).stream()
                .filter(line -> line.contains("partitionedbuffer") || line.contains("WFLYSRV0211")
                        || line.contains("WFLYSRV0236") || line.contains("WFLYSRV0050")
                        || line.contains("WFLYEJB0476") || line.contains("WFLYSRV0028")
                        || line.contains("ERROR") || line.contains("WARN"))
                .collect(Collectors.joining("\n"));
    }

    /** The TCP sockets the server listens on (ss), to show they are all on 127.0.0.1. */
    private static String listening(long pid) throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-ltnpH").redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor();
        return out.lines().filter(line -> line.contains("pid=" + pid + ","))
                .map(line -> line.trim().split("\\s+")[3]).sorted().collect(Collectors.joining(" "));
    }

    private static void note(Path report, String line) throws IOException {
        System.out.println("[wildfly] " + line);
        Files.writeString(report, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static String seconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000 + " s";
    }
}
