package org.partitionedbuffer.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.partitionedbuffer.server.app.DeliveryLog;
import org.partitionedbuffer.server.app.Order;
import org.partitionedbuffer.server.app.pooled.PooledOrdersServlet;

/**
 * The adapter in a full Payara Server domain, administered with asadmin while thousands of items are pending:
 * reconfiguring the resource adapter (once, twice in a row, then disabling and enabling the application), and
 * redeploying the application, must deliver every item exactly once (to the bean of the deployment that pushed it, as
 * its own classes), give the bean's buffer the new adapter default (read from the buffer's MBean by the application),
 * and leave the application able to push, with no disable/enable; connection factories of an asadmin-created pool
 * keep pushing as far as Payara lets them. One domain for the class; each test deploys the adapter and the test
 * application afresh, so one scenario's damage cannot leak into another.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class PayaraServerReconfigurationIT {

    private static final String ADAPTER = "partitioned-buffer";
    private static final String APP = "orders-app";
    /**
     * The adapter config property the tests set, always in this one spelling (the README: use one; with both
     * {@code defaultProcessingIntervalMs} and {@code DefaultProcessingIntervalMs} set, which one wins is not defined).
     */
    private static final String INTERVAL_PROPERTY = "defaultProcessingIntervalMs";
    /** The asadmin-created connector connection pool of {@link WithAsadminConnectorPool} tests. */
    private static final String POOL = "orders-pool";
    /** Long enough that nothing is delivered before the test changes the interval or flushes. */
    private static final String PENDING_INTERVAL_MS = "60000";
    /** How long delivered items may take to show up once they are due (a due item takes well under 1 s here). */
    private static final Duration DELIVERY = Duration.ofSeconds(40);

    private static long startedAt;
    private static PayaraDomain domain;
    private static Path rar;
    private static Path war;
    /** The same application plus {@link PooledOrdersServlet}, which needs the asadmin-created pool to deploy. */
    private static Path pooledWar;
    private long serverLogMark;

    /**
     * The test needs a connector pool and resource created with asadmin ({@link PooledOrdersServlet#RESOURCE}): they
     * are created after the adapter deploys and before the application, which then includes the pooled servlet.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    private @interface WithAsadminConnectorPool {
    }

    @BeforeAll
    static void startDomain() throws IOException {
        startedAt = System.nanoTime();
        Path target = Path.of(Objects.requireNonNull(System.getProperty("it.target"), "it.target"));
        Path payaraHome = Path.of(Objects.requireNonNull(System.getProperty("it.payaraHome"), "it.payaraHome"));
        // asadmin deploy names the resource adapter after the file, wherever it lies.
        rar = Path.of(System.getProperty("it.rar", target.resolve(ADAPTER + ".rar").toString()));
        if (!rar.getFileName().toString().equals(ADAPTER + ".rar")) {
            throw new IllegalArgumentException("it.rar must name a file " + ADAPTER + ".rar: " + rar);
        }
        war = target.resolve(APP + ".war");
        ShrinkWrap.create(WebArchive.class, APP + ".war").addPackage(Order.class.getPackage())
                .as(ZipExporter.class).exportTo(war.toFile(), true);
        pooledWar = target.resolve(APP + "-pooled.war");
        ShrinkWrap.create(WebArchive.class, APP + "-pooled.war").addPackage(Order.class.getPackage())
                .addPackage(PooledOrdersServlet.class.getPackage()).as(ZipExporter.class)
                .exportTo(pooledWar.toFile(), true);
        Files.deleteIfExists(target.resolve("asadmin.log"));
        domain = PayaraDomain.create(payaraHome, target.resolve("domains"), "pb-it", target.resolve("asadmin.log"));
        domain.start();
    }

    @AfterAll
    static void stopDomainAndRecordWallTime() throws IOException {
        try {
            if (domain != null) {
                domain.close();
            }
        } finally {
            String wallTime = String.format("PayaraServerReconfigurationIT wall time: %.1f s (domain start to stop)%n",
                    (System.nanoTime() - startedAt) / 1e9);
            System.out.print(wallTime);
            Files.writeString(Path.of(System.getProperty("it.target"), "server-tests-wall-time.txt"), wallTime);
        }
    }

    /**
     * A fresh adapter (no buffers) and application; the adapter's default interval holds pushed items pending. For a
     * {@link WithAsadminConnectorPool} test, the asadmin pool and resource in between, and the pooled servlet.
     */
    @BeforeEach
    void deployAdapterAndApplicationAfresh(TestInfo test) throws IOException {
        // What a previous test left, if anything; each of these fails harmlessly when there is nothing to remove.
        // (--cascade also deletes the adapter's connector pools and resources.)
        domain.asadmin("undeploy", APP);
        domain.asadmin("undeploy", "--cascade=true", ADAPTER);
        domain.asadmin("delete-resource-adapter-config", ADAPTER);
        Files.deleteIfExists(deliveryLog());

        domain.asadminOrFail("create-resource-adapter-config", "--property",
                INTERVAL_PROPERTY + "=" + PENDING_INTERVAL_MS, ADAPTER);
        domain.asadminOrFail("deploy", rar.toString());
        boolean pooled = test.getTestMethod().map(method -> method.isAnnotationPresent(WithAsadminConnectorPool.class))
                .orElse(false);
        if (pooled) {
            domain.asadminOrFail("create-connector-connection-pool", "--raname", ADAPTER, "--connectiondefinition",
                    "org.partitionedbuffer.api.BufferConnectionFactory", "--transactionsupport", "NoTransaction", POOL);
            domain.asadminOrFail("create-connector-resource", "--poolname", POOL, PooledOrdersServlet.RESOURCE);
        }
        domain.asadminOrFail("deploy", "--name", APP, "--contextroot", APP, (pooled ? pooledWar : war).toString());
        serverLogMark = Files.size(domain.serverLog());
    }

    @Test
    void reconfiguringTheAdapterDeliversEveryPendingItemOnceAndTheApplicationKeepsPushing() throws Exception {
        String deployment = loaderOfTheDeployedApplication();
        assertPushed(push(0, 10_000), "before the reconfiguration");
        assertEquals(0, delivered().count(), "nothing is delivered before the reconfiguration: the interval is 60 s");
        assertEquals(PENDING_INTERVAL_MS, bufferAttributes().get("ProcessingIntervalMs"),
                "before the reconfiguration the buffer has the adapter's first default interval");

        reconfigureInterval("500");

        HttpResponse<String> pushedAfter = push(10_000, 1_000);
        String intervalAfter = awaitProcessingInterval("500");
        boolean pushAccepted = pushedAfter.statusCode() == 200;
        DeliveredOrders delivered = awaitDeliveries(pushAccepted ? 11_000 : 10_000);
        String log = serverLogProblems();
        assertAll(
                () -> assertEquals("500", intervalAfter, "the bean's buffer takes the NEW adapter default"
                        + " defaultProcessingIntervalMs=500 (MBean attribute ProcessingIntervalMs)" + log),
                () -> assertEquals("", delivered.exactlyOnceProblems(DeliveredOrders.ids(0, 10_000)),
                        "the 10,000 items pending during the reconfiguration, each delivered once" + log),
                () -> assertEquals(200, pushedAfter.statusCode(), "a push after the reconfiguration, without"
                        + " disabling the application, is accepted: " + firstLine(pushedAfter.body()) + log),
                () -> {
                    if (pushAccepted) {
                        assertEquals("", delivered.exactlyOnceProblems(DeliveredOrders.ids(10_000, 11_000)),
                                "the 1,000 items pushed after the reconfiguration, each delivered once" + log);
                    }
                },
                () -> {
                    Map<String, Long> byBean = DeliveredOrders.byBeanLoader(
                            delivered.of(DeliveredOrders.ids(0, 11_000)));
                    assertTrue(Set.of(deployment).containsAll(byBean.keySet()), "every item reaches the bean of"
                            + " the one deployment of the application " + deployment + "; deliveries by bean class"
                            + " loader: " + byBean);
                });
    }

    @Test
    void redeployingTheApplicationDeliversWhatItPushedToItsBeanBeforeItGoesAndTheNewDeploymentKeepsPushing()
            throws Exception {
        String firstDeployment = loaderOfTheDeployedApplication();
        assertPushed(push(0, 5_000), "before the redeploy");
        assertEquals(0, delivered().count(), "nothing is delivered before the redeploy: the interval is 60 s");

        domain.asadminOrFail("deploy", "--force=true", "--name", APP, "--contextroot", APP, war.toString());

        int deliveredDuringTheRedeploy = delivered().count();
        String secondDeployment = loaderOfTheDeployedApplication();
        assertNotEquals(firstDeployment, secondDeployment, "deploy --force loads the application anew");
        HttpResponse<String> pushedAfter = push(5_000, 500);
        boolean pushAccepted = pushedAfter.statusCode() == 200;
        // The new deployment's bean has the 60 s interval too: flush() makes what is pending due now.
        HttpResponse<String> flushed = domain.post("/" + APP + "/orders/flush");
        int expected = pushAccepted ? 5_500 : 5_000;
        DeliveredOrders delivered = awaitDeliveries(expected);
        List<DeliveredOrders.Delivery> before = delivered.of(DeliveredOrders.ids(0, 5_000));
        List<DeliveredOrders.Delivery> after = delivered.of(DeliveredOrders.ids(5_000, 5_500));
        String log = serverLogProblems() + "\n(flush after the redeploy: HTTP " + flushed.statusCode() + " "
                + firstLine(flushed.body()) + ")";
        assertAll(
                () -> assertEquals("", delivered.exactlyOnceProblems(DeliveredOrders.ids(0, 5_000)),
                        "the 5,000 items pending at the redeploy, each delivered once" + log),
                () -> assertEquals(5_000, deliveredDuringTheRedeploy,
                        "the pending items reach the first deployment's bean before deploy --force returns"),
                () -> assertEquals(Map.of(firstDeployment, (long) before.size()), DeliveredOrders.byBeanLoader(before),
                        "the items pushed before the redeploy reach the bean of the deployment that pushed them"),
                () -> assertEquals(200, pushedAfter.statusCode(), "a push after the redeploy is accepted: "
                        + firstLine(pushedAfter.body())),
                () -> {
                    if (pushAccepted) {
                        assertEquals("", delivered.exactlyOnceProblems(DeliveredOrders.ids(5_000, 5_500)),
                                "the 500 items pushed after the redeploy, each delivered once" + log);
                        assertEquals(Map.of(secondDeployment, (long) after.size()),
                                DeliveredOrders.byBeanLoader(after), "the new deployment's items reach its bean");
                    }
                },
                () -> assertEquals(Map.of(true, (long) (before.size() + after.size())),
                        DeliveredOrders.byOwnClass(delivered.of(DeliveredOrders.ids(0, expected))),
                        "every item arrives as an instance of its bean's own Order class"));
    }

    @Test
    void reconfiguringTheAdapterTwiceInARowDeliversEveryItemPendingBeforeEachOnceAndAppliesTheSecondDefault()
            throws Exception {
        String deployment = loaderOfTheDeployedApplication();
        assertPushed(push(0, 3_000), "before the first reconfiguration");
        assertEquals(0, delivered().count(), "nothing is delivered before the first reconfiguration: the interval is"
                + " 60 s");

        // Payara deactivates the bean for this one; a long interval still, so items stay pending for the next.
        reconfigureInterval("40000");

        String intervalAfterFirst = awaitProcessingInterval("40000");
        HttpResponse<String> pushedBetween = push(3_000, 3_000);
        Map<String, String> beforeSecond = bufferAttributes();
        int deliveredBeforeSecond = delivered().count();

        // From the second reconfiguration on Payara calls no endpointDeactivation at all.
        reconfigureInterval("500");

        int deliveredDuringSecond = delivered().count() - deliveredBeforeSecond;
        String intervalAfterSecond = awaitProcessingInterval("500");
        HttpResponse<String> pushedAfter = push(6_000, 1_000);
        boolean betweenAccepted = pushedBetween.statusCode() == 200;
        boolean afterAccepted = pushedAfter.statusCode() == 200;
        int expected = 3_000 + (betweenAccepted ? 3_000 : 0) + (afterAccepted ? 1_000 : 0);
        DeliveredOrders delivered = awaitDeliveries(expected);
        Map<String, String> attributes = awaitBufferAttributes(
                values -> String.valueOf(expected).equals(values.get("Processed")));
        String log = serverLogProblems() + "\n(before the second reconfiguration: " + beforeSecond + ", "
                + deliveredBeforeSecond + " delivered; " + deliveredDuringSecond + " delivered while it ran)";
        assertAll(
                () -> assertEquals("40000", intervalAfterFirst, "the first reconfiguration's default applies to the"
                        + " bean's buffer" + log),
                () -> assertEquals(200, pushedBetween.statusCode(), "a push between the reconfigurations is accepted: "
                        + firstLine(pushedBetween.body()) + log),
                () -> assertTrue(Long.parseLong(beforeSecond.getOrDefault("Size", "0")) >= 3_000,
                        "items are pending when the second reconfiguration begins (the 40 s interval holds at least"
                        + " the 3,000 pushed after the first): " + beforeSecond),
                () -> assertEquals("500", intervalAfterSecond, "the second reconfiguration's default applies to the"
                        + " bean's buffer" + log),
                () -> assertEquals(200, pushedAfter.statusCode(), "a push after the second reconfiguration is"
                        + " accepted: " + firstLine(pushedAfter.body()) + log),
                () -> assertEquals("", delivered.exactlyOnceProblems(DeliveredOrders.ids(0, 3_000)),
                        "the 3,000 items pending across both reconfigurations, each delivered once" + log),
                () -> {
                    if (betweenAccepted) {
                        assertEquals("", delivered.exactlyOnceProblems(DeliveredOrders.ids(3_000, 6_000)),
                                "the 3,000 items pushed between the reconfigurations, each delivered once" + log);
                    }
                },
                () -> {
                    if (afterAccepted) {
                        assertEquals("", delivered.exactlyOnceProblems(DeliveredOrders.ids(6_000, 7_000)),
                                "the 1,000 items pushed after the second reconfiguration, each delivered once"
                                        + log);
                    }
                },
                () -> assertEquals(expected, delivered.count(), "no other delivery (no duplicate, no stray item)"
                        + log),
                () -> assertEquals(Map.of(deployment, (long) delivered.count()),
                        DeliveredOrders.byBeanLoader(delivered.of(DeliveredOrders.ids(0, 7_000))),
                        "every item reaches the bean of the one deployment"),
                () -> assertEquals(Map.of("Size", "0", "Inserted", String.valueOf(expected), "Processed",
                                String.valueOf(expected), "Failures", "0"), subMap(attributes, "Size", "Inserted",
                                "Processed", "Failures"),
                        "the buffer's MBean counts every item once across both restarts, and holds nothing" + log));
    }

    /**
     * A factory of an asadmin-created pool ({@code create-connector-connection-pool} + {@code create-connector-resource})
     * across a reconfiguration. Payara undeploys the adapter's global pools with the old instance and deploys them
     * again, but loads a pool only when its resource is looked up: a factory injected before the reconfiguration
     * refuses every call (Payara's "No Pool Meta Data object associated with the pool") until some JNDI look-up of
     * the resource has loaded the pool again; from then on it pushes. What users can rely on, and what this asserts:
     * a fresh look-up pushes at once; the injected factory pushes once a look-up has happened; a refused call inserts
     * nothing and fails only with that pool error (never "adapter not started"). How the injected factory fared
     * before the look-up is written to target/asadmin-pool-report.txt.
     */
    @Test
    @WithAsadminConnectorPool
    void anAsadminPoolFactoryPushesAfterAReconfigurationOnceLookedUpAndTheInjectedOneFromThenOn() throws Exception {
        HttpResponse<String> injectedBefore = pushPooled("injected", 0, 1_000);
        HttpResponse<String> lookedUpBefore = pushPooled("looked-up", 1_000, 1_000);
        assertAll(
                () -> assertPushed(injectedBefore, "through the injected factory of " + PooledOrdersServlet.RESOURCE
                        + " before the reconfiguration"),
                () -> assertPushed(lookedUpBefore, "through a factory looked up in JNDI before the"
                        + " reconfiguration"));
        assertEquals(0, delivered().count(), "nothing is delivered before the reconfiguration: the interval is 60 s");

        reconfigureInterval("500");

        String intervalAfter = awaitProcessingInterval("500");
        // Before anything looks the resource up: the injected factory alone, 100 items a call, for up to 10 s.
        List<HttpResponse<String>> injectedAlone = new ArrayList<>();
        long injectedAloneFrom = System.nanoTime();
        try {
            await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        HttpResponse<String> response = pushPooled("injected", 2_000 + 100 * injectedAlone.size(),
                                100);
                        injectedAlone.add(response);
                        return response.statusCode() == 200 || injectedAlone.size() == 20;
                    });
        } catch (ConditionTimeoutException stillRefused) {
            // reported below
        }
        double injectedAloneSeconds = (System.nanoTime() - injectedAloneFrom) / 1e9;
        HttpResponse<String> lookedUpAfter = pushPooled("looked-up", 4_000, 1_000);
        HttpResponse<String> injectedAfterLookUp = pushPooled("injected", 5_000, 1_000);
        HttpResponse<String> viaDefinition = push(6_000, 1_000); // the application's @ConnectionFactoryDefinition

        List<String> report = new ArrayList<>();
        report.add("Factory injected from " + PooledOrdersServlet.RESOURCE + " (asadmin pool " + POOL + ") before a"
                + " reconfiguration, called alone after it (no JNDI look-up yet): " + injectedAlone.size()
                + " call(s) over " + String.format("%.1f", injectedAloneSeconds) + " s, "
                + injectedAlone.stream().filter(response -> response.statusCode() == 200).count() + " accepted");
        for (int i = 0; i < injectedAlone.size(); i++) {
            report.add("  call " + (i + 1) + ": HTTP " + injectedAlone.get(i).statusCode() + " "
                    + firstLine(injectedAlone.get(i).body()));
        }
        report.add("Then a fresh JNDI look-up: HTTP " + lookedUpAfter.statusCode() + " "
                + firstLine(lookedUpAfter.body()));
        report.add("Then the injected factory again: HTTP " + injectedAfterLookUp.statusCode() + " "
                + firstLine(injectedAfterLookUp.body()));
        report.add("The @ConnectionFactoryDefinition factory: HTTP " + viaDefinition.statusCode() + " "
                + firstLine(viaDefinition.body()));
        String reportText = String.join("\n", report) + "\n";
        System.out.print(reportText);
        Files.writeString(Path.of(System.getProperty("it.target"), "asadmin-pool-report.txt"), reportText);

        Map<Integer, Integer> acceptedBlocks = new TreeMap<>(); // first id -> count, of every accepted push after
        for (int i = 0; i < injectedAlone.size(); i++) {
            if (injectedAlone.get(i).statusCode() == 200) {
                acceptedBlocks.put(2_000 + 100 * i, 100);
            }
        }
        List<HttpResponse<String>> afterLookUp = List.of(lookedUpAfter, injectedAfterLookUp, viaDefinition);
        for (int i = 0; i < afterLookUp.size(); i++) {
            if (afterLookUp.get(i).statusCode() == 200) {
                acceptedBlocks.put(4_000 + 1_000 * i, 1_000);
            }
        }
        int expected = 2_000 + acceptedBlocks.values().stream().mapToInt(Integer::intValue).sum();
        DeliveredOrders delivered = awaitDeliveries(expected);
        String log = serverLogProblems() + "\n" + reportText;
        assertAll(
                () -> assertEquals("500", intervalAfter, "the new default applies" + log),
                () -> assertEquals(200, lookedUpAfter.statusCode(), "a factory looked up after the reconfiguration"
                        + " pushes: " + firstLine(lookedUpAfter.body()) + log),
                () -> assertEquals(200, injectedAfterLookUp.statusCode(), "the factory injected before the"
                        + " reconfiguration pushes once a look-up has loaded the pool again: "
                        + firstLine(injectedAfterLookUp.body()) + log),
                () -> assertEquals(200, viaDefinition.statusCode(), "the @ConnectionFactoryDefinition factory"
                        + " injected before the reconfiguration pushes: " + firstLine(viaDefinition.body()) + log),
                () -> {
                    for (HttpResponse<String> refused : injectedAlone) {
                        if (refused.statusCode() != 200) {
                            assertTrue(refused.body().contains("No Pool Meta Data object associated with the pool : "
                                    + POOL), "an injected factory's call refused before the look-up fails only"
                                    + " because Payara has not loaded the pool again: " + firstLine(refused.body()));
                        }
                    }
                },
                () -> assertEquals("", delivered.exactlyOnceProblems(DeliveredOrders.ids(0, 2_000)),
                        "the 2,000 items pushed through the pool before the reconfiguration, each delivered once"
                                + log),
                () -> {
                    for (Map.Entry<Integer, Integer> block : acceptedBlocks.entrySet()) {
                        int from = block.getKey();
                        assertEquals("", delivered.exactlyOnceProblems(
                                DeliveredOrders.ids(from, from + block.getValue())), "the items of the push accepted"
                                + " after the reconfiguration from o-" + from + ", each delivered once" + log);
                    }
                },
                () -> assertEquals(expected, delivered.count(), "no other delivery: a refused push inserted nothing,"
                        + " and nothing came twice" + log));
    }

    @Test
    void disablingAndEnablingTheApplicationAfterAReconfigurationDeliversEveryPendingItemOnceAndActivatesTheBeanAgain()
            throws Exception {
        String firstDeployment = loaderOfTheDeployedApplication();
        assertPushed(push(0, 2_000), "before the reconfiguration");
        // A long interval still, so that items are pending when the application is disabled.
        reconfigureInterval("30000");
        String intervalAfterReconfiguration = awaitProcessingInterval("30000");
        assertPushed(push(2_000, 2_000), "after the reconfiguration");
        Map<String, String> beforeDisable = bufferAttributes();
        int deliveredBeforeDisable = delivered().count();
        assertAll(
                () -> assertEquals("30000", intervalAfterReconfiguration, "the new default applies"),
                () -> assertEquals(4_000, Long.parseLong(beforeDisable.get("Size")) + deliveredBeforeDisable,
                        "every pushed item is pending or delivered: " + beforeDisable + ", " + deliveredBeforeDisable
                                + " delivered"),
                () -> assertTrue(Long.parseLong(beforeDisable.get("Size")) >= 2_000, "items are pending when the"
                        + " application is disabled (at least the 2,000 pushed after the reconfiguration, interval"
                        + " 30 s): " + beforeDisable));

        domain.asadminOrFail("disable", APP);

        int deliveredDuringTheDisable = delivered().count();
        domain.asadminOrFail("enable", APP);

        String secondDeployment = loaderOfTheDeployedApplication();
        String intervalAfterEnable = awaitProcessingInterval("30000");
        HttpResponse<String> pushedAfter = push(4_000, 1_000);
        boolean pushAccepted = pushedAfter.statusCode() == 200;
        // The re-enabled bean has the adapter's 30 s default: flush() makes what is pending due now.
        HttpResponse<String> flushed = domain.post("/" + APP + "/orders/flush");
        int expected = pushAccepted ? 5_000 : 4_000;
        DeliveredOrders delivered = awaitDeliveries(expected);
        List<DeliveredOrders.Delivery> before = delivered.of(DeliveredOrders.ids(0, 4_000));
        List<DeliveredOrders.Delivery> after = delivered.of(DeliveredOrders.ids(4_000, 5_000));
        String logSinceDeploy = serverLogSinceMark();
        String log = serverLogProblems() + "\n(flush after the enable: HTTP " + flushed.statusCode() + " "
                + firstLine(flushed.body()) + ")";
        assertAll(
                () -> assertEquals("", delivered.exactlyOnceProblems(DeliveredOrders.ids(0, 4_000)),
                        "the 4,000 items pushed before the disable, each delivered once" + log),
                () -> assertEquals(4_000, deliveredDuringTheDisable, "the pending items reach the bean before"
                        + " asadmin disable returns" + log),
                () -> assertEquals(Map.of(firstDeployment, (long) before.size()), DeliveredOrders.byBeanLoader(before),
                        "the items pushed before the disable reach the bean of the deployment that pushed them"),
                () -> assertNotEquals(firstDeployment, secondDeployment, "enable loads the application anew"),
                () -> assertTrue(!logSinceDeploy.contains("already has a listener"), "the enabled bean attaches to"
                        + " its buffer: server.log says 'already has a listener'" + log),
                () -> assertEquals("30000", intervalAfterEnable, "the enabled bean's buffer has the current adapter"
                        + " default" + log),
                () -> assertEquals(200, pushedAfter.statusCode(), "a push after the enable is accepted: "
                        + firstLine(pushedAfter.body()) + log),
                () -> {
                    if (pushAccepted) {
                        assertEquals("", delivered.exactlyOnceProblems(DeliveredOrders.ids(4_000, 5_000)),
                                "the 1,000 items pushed after the enable, each delivered once (the bean is"
                                        + " activated again)" + log);
                        assertEquals(Map.of(secondDeployment, (long) after.size()),
                                DeliveredOrders.byBeanLoader(after), "they reach the enabled deployment's bean");
                    }
                },
                () -> assertEquals(expected, delivered.count(), "no other delivery (no duplicate, no stray item)"
                        + log));
    }

    private HttpResponse<String> push(int from, int count) throws IOException, InterruptedException {
        return domain.post("/" + APP + "/orders/push?from=" + from + "&count=" + count + "&customers=50");
    }

    /** A push through {@link PooledOrdersServlet}: {@code injected} or {@code looked-up} factory. */
    private HttpResponse<String> pushPooled(String factory, int from, int count)
            throws IOException, InterruptedException {
        return domain.post("/" + APP + "/pooled/" + factory + "?from=" + from + "&count=" + count + "&customers=50");
    }

    /**
     * Waits (20 s at most) until the orders buffer's MBean attributes satisfy {@code condition}; returns the last read
     * either way, for the assertions to show.
     */
    private static Map<String, String> awaitBufferAttributes(Predicate<Map<String, String>> condition)
            throws IOException, InterruptedException {
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> condition.test(bufferAttributes()));
        } catch (ConditionTimeoutException reportedByTheCaller) {
            // the caller's assertions show the values
        }
        return bufferAttributes();
    }

    private static Map<String, String> subMap(Map<String, String> map, String... keys) {
        Map<String, String> kept = new HashMap<>();
        for (String key : keys) {
            kept.put(key, map.get(key));
        }
        return kept;
    }

    /** {@code asadmin set} of the adapter's default interval: Payara restarts the adapter (a new instance). */
    private static void reconfigureInterval(String milliseconds) {
        domain.asadminOrFail("set", "resources.resource-adapter-config." + ADAPTER + ".property." + INTERVAL_PROPERTY
                + "=" + milliseconds);
    }

    /** The orders buffer's MBean attributes, as the application reads them from the server's platform MBean server. */
    private static Map<String, String> bufferAttributes() throws IOException, InterruptedException {
        HttpResponse<String> response = domain.get("/" + APP + "/orders/buffer");
        assertEquals(200, response.statusCode(), "the buffer's MBean is readable: " + firstLine(response.body()));
        Map<String, String> attributes = new LinkedHashMap<>();
        response.body().lines().filter(line -> line.contains("=")).forEach(line -> attributes.put(
                line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1).trim()));
        return attributes;
    }

    /**
     * Waits (20 s at most) until the orders buffer's MBean reports ProcessingIntervalMs {@code expected}; returns the
     * value it reports last either way, for the assertion to show.
     */
    private static String awaitProcessingInterval(String expected) {
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> expected.equals(bufferAttributes().get("ProcessingIntervalMs")));
        } catch (ConditionTimeoutException reportedByTheCaller) {
            // the caller's assertion shows the value
        }
        try {
            return bufferAttributes().get("ProcessingIntervalMs");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unreadable: " + e;
        } catch (IOException | AssertionError e) {
            return "unreadable: " + e;
        }
    }

    private static void assertPushed(HttpResponse<String> response, String when) {
        assertEquals(200, response.statusCode(), "push " + when + ": " + firstLine(response.body()));
    }

    private String loaderOfTheDeployedApplication() throws IOException, InterruptedException {
        HttpResponse<String> response = domain.get("/" + APP + "/orders/loader");
        assertEquals(200, response.statusCode(), "the application answers: " + firstLine(response.body()));
        return response.body().trim();
    }

    /**
     * Waits until at least {@code expected} items were delivered, or the deadline; returns what was delivered
     * either way, so the assertions can tell what is missing or duplicated rather than only that time ran out.
     */
    private static DeliveredOrders awaitDeliveries(int expected) {
        try {
            await().atMost(DELIVERY).pollInterval(Duration.ofMillis(500))
                    .until(() -> delivered().count() >= expected);
            // Then until the count holds still, so duplicates delivered just after it are counted too.
            int reached = delivered().count();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                    .until(() -> delivered().count() == reached);
        } catch (ConditionTimeoutException stillMissingOrStillComing) {
            // reported by the assertions, which say what is missing or duplicated
        }
        return delivered();
    }

    private static DeliveredOrders delivered() {
        return DeliveredOrders.read(deliveryLog());
    }

    private static Path deliveryLog() {
        return domain.domainDir().resolve(DeliveryLog.FILE_NAME);
    }

    /**
     * What the server logged since this test's deployment that explains a failure: the adapter's messages about the
     * orders buffer and every WARNING/SEVERE (the first line of each, each distinct message once).
     */
    private String serverLogProblems() {
        try {
            String text = serverLogSinceMark();
            Matcher record = Pattern.compile("(?s)\\[[^\\]]*\\] \\[[^\\]]*\\] \\[(\\w+)\\].*?\\[\\[\\s*(.*?)\\]\\]")
                    .matcher(text);
            Map<String, String> messages = new LinkedHashMap<>(); // by the message with its numbers blanked out
            Map<String, Integer> times = new HashMap<>();
            while (record.find()) {
                String level = record.group(1);
                String message = firstLine(record.group(2));
                if (level.equals("WARNING") || level.equals("SEVERE") || message.contains("Buffer 'orders'")) {
                    String shape = message.replaceAll("\\d+", "N");
                    if (messages.size() < 12) {
                        messages.putIfAbsent(shape, level + " " + message.substring(0, Math.min(240,
                                message.length())));
                    }
                    times.merge(shape, 1, Integer::sum);
                }
            }
            return messages.isEmpty() ? "" : "\nserver.log: " + messages.entrySet().stream()
                    .map(entry -> entry.getValue() + (times.get(entry.getKey()) > 1
                            ? " (and " + (times.get(entry.getKey()) - 1) + " more like it)" : ""))
                    .collect(Collectors.joining("\n            "));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What server.log received since this test's deployment (all of it if the log rotated). */
    private String serverLogSinceMark() throws IOException {
        byte[] all = Files.readAllBytes(domain.serverLog());
        int from = serverLogMark <= all.length ? (int) serverLogMark : 0;
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    private static String firstLine(String text) {
        String trimmed = text == null ? "" : text.strip();
        int end = trimmed.indexOf('\n');
        return end < 0 ? trimmed : trimmed.substring(0, end).strip();
    }
}
