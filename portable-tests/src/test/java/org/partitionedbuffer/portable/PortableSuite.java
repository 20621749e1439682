package org.partitionedbuffer.portable;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.partitionedbuffer.portable.DeliveredItems.exactlyOnceProblems;
import static org.partitionedbuffer.portable.DeliveredItems.ids;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.partitionedbuffer.portable.app.ConfiguredBean;
import org.partitionedbuffer.portable.app.DeadLetterBean;
import org.partitionedbuffer.portable.app.DeliveryLog;
import org.partitionedbuffer.portable.app.FailingBean;
import org.partitionedbuffer.portable.app.LatestBean;
import org.partitionedbuffer.portable.app.QueueBean;
import org.partitionedbuffer.portable.app.SlowBean;

/**
 * The part of the in-server suite every server must pass, on one server started for the class: the injected factory,
 * queue and map delivery with application classes as items, the buffers' MBeans, options from MicroProfile Config, a bad item among good
 * ones going to the dead-letter buffer, a redeploy with items pending, and a clean stop with items pending. Each test
 * counts every item in the beans' delivery log. The tests run in order; the last one stops the server.
 *
 * <p>Each server's subclass only says how to create its {@link ServerUnderTest}; a report of what happened, with
 * timings and the adapter's log lines, goes to target/NAME-report.txt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class PortableSuite {

    static final Path TARGET = Path.of(System.getProperty("it.target", "target"));
    private static final Path RAR = Path.of(System.getProperty("it.rar", "target/partitioned-buffer.rar"));
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    private ServerUnderTest server;
    private AppClient app;
    private DeliveredItems delivered;
    private Path war;
    private Path report;

    /** The server under test, created (not started) with its files under {@code directory}. */
    protected abstract ServerUnderTest createServer(Path directory) throws Exception;

    @BeforeAll
    void startServerWithAdapterAndApplication() throws Exception {
        long began = System.nanoTime();
        server = createServer(TARGET);
        report = TARGET.resolve(server.name() + "-report.txt");
        Files.deleteIfExists(report);
        Path log = TARGET.resolve(server.name() + "-delivered.txt");
        Files.deleteIfExists(log);
        delivered = new DeliveredItems(log);
        app = new AppClient(server);
        war = TestApplication.exportTo(TARGET);
        server.startWithAdapter(RAR, Map.of(DeliveryLog.PROPERTY, log.toAbsolutePath().toString()));
        note("started with the adapter after " + since(began) + ", pid " + server.pid());
        long deploying = System.nanoTime();
        server.deploy(war);
        note("application deployed in " + since(deploying));
    }

    @AfterAll
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
            note("the adapter's lines in the server log:\n" + adapterLines());
        }
    }

    @Test
    @Order(1)
    void theInjectedFactoryPushesApplicationItemsThatReachTheBeanExactlyOnce() throws Exception {
        int items = 3_000;
        post("/push?buffer=" + QueueBean.BUFFER + "&from=0&count=" + items);
        assertDeliveredExactlyOnce(QueueBean.BUFFER, ids("i", 0, items));
        try (ServerJmx jmx = ServerJmx.attach(server.pid())) {
            assertEquals((long) items, jmx.attribute(QueueBean.BUFFER, "Processed"), "the buffer's MBean");
            assertEquals(0L, jmx.attribute(QueueBean.BUFFER, "Size"));
        }
        note(items + " readings pushed to '" + QueueBean.BUFFER + "' delivered exactly once; its MBean, reached"
                + " through the JDK's attach API, counts them processed");
        note("listening, JMX agent included: " + LoopbackListeners.require(server.name(), server.pid()));
    }

    @Test
    @Order(2)
    void theMapDeliversTheLastWriteOfEveryKey() throws Exception {
        int keys = 200;
        int rounds = 5;
        post("/put?buffer=" + LatestBean.BUFFER + "&keys=" + keys + "&rounds=" + rounds);
        Callable<Map<String, String>> lastValues = () -> delivered.of(LatestBean.BUFFER).stream()
                .map(line -> line.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1], (first, last) -> last,
                        LinkedHashMap::new));
        Map<String, String> expected = new LinkedHashMap<>();
        for (int key = 0; key < keys; key++) {
            expected.put("k-" + key, (rounds - 1) + "-k-" + key);
        }
        await().atMost(DELIVERY).until(() -> lastValues.call().equals(expected));
        note(keys + " keys written " + rounds + " times to map '" + LatestBean.BUFFER + "': each delivered with its"
                + " last value, " + delivered.of(LatestBean.BUFFER).size() + " entries delivered in all");
    }

    @Test
    @Order(3)
    void microProfileConfigOfTheApplicationOverridesTheAnnotation() throws Exception {
        assertEquals(String.valueOf(ConfiguredBean.CONFIGURED_PARTITIONS),
                get("/partitions?buffer=" + ConfiguredBean.BUFFER));
        post("/push?buffer=" + ConfiguredBean.BUFFER + "&from=0&count=30");
        assertDeliveredExactlyOnce(ConfiguredBean.BUFFER, ids("i", 0, 30));
        note("'" + ConfiguredBean.BUFFER + "' has the " + ConfiguredBean.CONFIGURED_PARTITIONS
                + " partitions of microprofile-config.properties, not the annotation's 1");
    }

    @Test
    @Order(4)
    void aBadItemGoesToTheDeadLetterBufferAndTheGoodOnesAreDelivered() throws Exception {
        post("/push?buffer=" + FailingBean.BUFFER + "&from=0&count=20&prefix=good");
        post("/push?buffer=" + FailingBean.BUFFER + "&from=0&count=2&prefix=bad");
        post("/push?buffer=" + FailingBean.BUFFER + "&from=20&count=20&prefix=good");
        List<String> deadLetters = List.of("bad-0|java.lang.IllegalArgumentException: reading bad-0 is invalid",
                "bad-1|java.lang.IllegalArgumentException: reading bad-1 is invalid");
        assertDeliveredExactlyOnce(FailingBean.BUFFER, ids("good", 0, 40));
        assertDeliveredExactlyOnce(DeadLetterBean.BUFFER, deadLetters);
        note("40 good readings delivered once; the 2 bad ones reached '" + DeadLetterBean.BUFFER
                + "' once each, with their cause");
    }

    @Test
    @Order(5)
    void aRedeployWithItemsPendingLosesNothing() throws Exception {
        int items = 1_000;
        post("/push?buffer=" + SlowBean.BUFFER + "&from=0&count=" + items + "&prefix=r");
        long began = System.nanoTime();
        server.undeploy();
        server.deploy(war);
        note("undeployed and deployed again in " + since(began) + " with " + items + " readings pending in '"
                + SlowBean.BUFFER + "'; " + delivered.of(SlowBean.BUFFER, "r-").size()
                + " of them delivered during the redeploy");
        post("/push?buffer=" + SlowBean.BUFFER + "&from=" + items + "&count=" + items + "&prefix=r");
        post("/interval?buffer=" + SlowBean.BUFFER + "&ms=100");
        assertDeliveredExactlyOnce(SlowBean.BUFFER, ids("r", 0, 2 * items));
        post("/interval?buffer=" + SlowBean.BUFFER + "&ms=600000");
        note("the " + items + " readings pushed before the redeploy and " + items + " after it: each delivered"
                + " exactly once, as the new deployment's class");
    }

    @Test
    @Order(6)
    void aCleanStopDeliversWhatIsPending() throws Exception {
        int items = 3_000;
        assertEquals(String.valueOf(items), post("/push?buffer=" + SlowBean.BUFFER + "&from=0&count=" + items
                + "&prefix=s"));
        Duration stop = server.stop();
        List<String> slow = delivered.of(SlowBean.BUFFER, "s-");
        String problems = exactlyOnceProblems(slow, ids("s", 0, items));
        note(items + " readings pending in '" + SlowBean.BUFFER + "' (processingIntervalMs=600000); the server's"
                + " stop took " + stop.toMillis() + " ms and delivered " + slow.size() + (problems.isEmpty()
                ? ", each exactly once" : "; " + problems));
        assertEquals("", problems, "items pending at a clean stop; see " + report);
    }

    private void assertDeliveredExactlyOnce(String buffer, List<String> expected) throws Exception {
        await().atMost(DELIVERY).until(() -> delivered.of(buffer).size() >= expected.size());
        // A duplicate would show up meanwhile: the count must hold still for half a second.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10))
                .until(() -> delivered.of(buffer).size() == expected.size());
        List<String> got = delivered.of(buffer);
        assertTrue(got.stream().noneMatch(line -> line.startsWith("not-a-reading")), () -> "items of a class the"
                + " application cannot use: " + got.stream().filter(line -> line.startsWith("not-a-reading"))
                .findFirst().orElseThrow());
        assertEquals("", exactlyOnceProblems(got, expected), buffer);
    }

    private String get(String path) throws IOException, InterruptedException {
        return app.get(path);
    }

    private String post(String path) throws IOException, InterruptedException {
        return app.post(path);
    }

    private String adapterLines() throws IOException {
        return server.log().lines().filter(line -> line.contains("partitionedbuffer") || line.contains("Partitioned"))
                .collect(Collectors.joining("\n"));
    }

    private void note(String line) throws IOException {
        System.out.println("[" + server.name() + "] " + line);
        Files.writeString(report, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static String since(long began) {
        return (System.nanoTime() - began) / 1_000_000 + " ms";
    }
}
