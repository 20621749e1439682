package org.partitionedbuffer.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BiConsumer;
import java.util.logging.Logger;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.ArchiveAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.api.PartitionKey;
import org.partitionedbuffer.it.app.Buffers;
import org.partitionedbuffer.it.ledger.DeliveryLedger;
import org.partitionedbuffer.it.ledger.NumberedProducer;
import org.partitionedbuffer.it.undeploying.ProducingListenerBean;

/**
 * The application holding a buffer's message-driven bean is undeployed, and deployed again, while two producers in
 * this application (which stays deployed) keep pushing numbered items as fast as they can. Every push is accepted or
 * refused with a BufferException naming the buffer (the buffer fills to its capacity while no bean listens); every
 * accepted item reaches a deployment of the bean exactly once; items accepted after the redeploy reach the new one.
 * Report: target/undeploy-producing-report.txt.
 */
@ExtendWith(ArquillianExtension.class)
class UndeployWhileProducingIT {

    private static final Logger LOG = Logger.getLogger(UndeployWhileProducingIT.class.getName());
    private static final String BUFFER = "it-undeploy-producing";
    private static final String LISTENER_APP = "undeploy-producing-listener";
    private static final long CAPACITY = 20_000;
    private static final int PRODUCERS = 2;
    private static final Duration STEP = Duration.ofSeconds(60);

    @Deployment
    static WebArchive application() {
        String report = "it.undeploying.report="
                + new File(System.getProperty("it.target"), "undeploy-producing-report.txt").getAbsolutePath() + "\n";
        WebArchive listener = ShrinkWrap.create(WebArchive.class, LISTENER_APP + ".war")
                .addPackage(ProducingListenerBean.class.getPackage());
        return TestArchives.war("undeploy-producing-it", report, Buffers.class, MicroRuntime.class)
                .addPackage(DeliveryLedger.class.getPackage())
                .addAsResource(new ArchiveAsset(listener, ZipExporter.class), LISTENER_APP + ".war");
    }

    @Resource(lookup = Buffers.JNDI)
    private BufferConnectionFactory buffers;

    @Resource
    private ManagedExecutorService executor;

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    private final AtomicBoolean producing = new AtomicBoolean(true);
    private MicroRuntime micro;

    @AfterEach
    void cleanUp() throws Exception {
        producing.set(false);
        System.getProperties().remove(ProducingListenerBean.SINK);
        if (micro != null && micro.deployedApplications().contains(LISTENER_APP)) {
            micro.undeploy(LISTENER_APP);
        }
    }

    @Test
    void undeployingTheListenerWhileProducersPushLosesNothingAndTheRedeployedListenerReceivesTheRest()
            throws Exception {
        micro = MicroRuntime.current();
        ObjectName mbean = BufferMBeanNames.of(BUFFER);
        DeliveryLedger ledger = new DeliveryLedger();
        List<String> deployments = new CopyOnWriteArrayList<>(); // in the order they first delivered
        Map<String, AtomicLong> itemsByDeployment = new ConcurrentHashMap<>();
        // Per producer, its accepted count when the redeploy began; items numbered from there on are "new pushes".
        AtomicLongArray redeployMark = new AtomicLongArray(PRODUCERS);
        for (int p = 0; p < PRODUCERS; p++) {
            redeployMark.set(p, Long.MAX_VALUE);
        }
        Map<String, AtomicLong> newItemsByDeployment = new ConcurrentHashMap<>();
        BiConsumer<String, List<Object>> sink = (deployment, items) -> {
            ledger.record(items);
            if (!itemsByDeployment.containsKey(deployment)) {
                synchronized (deployments) {
                    if (!deployments.contains(deployment)) {
                        deployments.add(deployment);
                    }
                }
            }
            itemsByDeployment.computeIfAbsent(deployment, d -> new AtomicLong()).addAndGet(items.size());
            long newItems = items.stream().filter(item -> item instanceof Long id && isNew(id, redeployMark)).count();
            newItemsByDeployment.computeIfAbsent(deployment, d -> new AtomicLong()).addAndGet(newItems);
        };
        System.getProperties().put(ProducingListenerBean.SINK, sink);
        assertTrue(micro.deployCarried(LISTENER_APP), "first deployment of " + LISTENER_APP);

        List<NumberedProducer> producers = new ArrayList<>();
        List<Future<NumberedProducer.Result>> running = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            NumberedProducer producer = new NumberedProducer(buffers, BUFFER, p, 1, PartitionKey.item(),
                    producing::get);
            producers.add(producer);
            running.add(executor.submit(producer));
        }
        await().atMost(STEP).until(() -> ledger.recorded() >= 50_000);
        Snapshot beforeUndeploy = snapshot(producers, ledger);

        micro.undeploy(LISTENER_APP);

        Snapshot afterUndeploy = snapshot(producers, ledger);
        assertFalse(micro.deployedApplications().contains(LISTENER_APP), "undeployed");
        // Nobody listens: the buffer fills up to its capacity, then refuses.
        await().atMost(STEP).until(() -> attribute(mbean, "Rejected") > 0);
        long sizeWhileUndeployed = attribute(mbean, "Size");
        assertTrue(sizeWhileUndeployed <= CAPACITY, "pending within capacity: " + sizeWhileUndeployed);
        Snapshot beforeRedeploy = snapshot(producers, ledger);

        for (int p = 0; p < PRODUCERS; p++) {
            redeployMark.set(p, producers.get(p).accepted());
        }
        assertTrue(micro.deployCarried(LISTENER_APP), "second deployment of " + LISTENER_APP);

        await().atMost(STEP).until(() -> deployments.size() == 2
                && newItemsByDeployment.getOrDefault(deployments.get(1), new AtomicLong()).get() >= 50_000);
        producing.set(false);
        List<NumberedProducer.Result> results = new ArrayList<>();
        for (Future<NumberedProducer.Result> producer : running) {
            results.add(producer.get(STEP.toSeconds(), TimeUnit.SECONDS));
        }
        long accepted = results.stream().mapToLong(NumberedProducer.Result::accepted).sum();
        long refused = results.stream().mapToLong(NumberedProducer.Result::refusedItems).sum();
        await().atMost(STEP).untilAsserted(() -> {
            assertEquals(0L, attribute(mbean, "Size"), "pending");
            assertEquals(accepted, ledger.recorded(), "items received");
        });

        String first = deployments.get(0);
        String second = deployments.get(1);
        Snapshot atStop = new Snapshot(accepted, refused, ledger.recorded());
        String report = String.format("undeploy while producing: %d producers into '%s' (2 partitions, capacity %,d,"
                        + " overflow=reject, maxRetries 0)%n"
                        + "  accepted %,d, refused %,d (BufferFullException), delivered %,d: %,d to the first"
                        + " deployment, %,d to the second; duplicates %d, missing %d%n"
                        + "  before the undeploy call: %s%n"
                        + "  during the undeploy call: %s%n"
                        + "  undeployed, until the buffer had refused for a while: %s; pending then %,d%n"
                        + "  from the redeploy to the producers' stop: %s%n"
                        + "  items accepted after the redeploy began, delivered to the second deployment: %,d, to the"
                        + " first: %,d%n",
                PRODUCERS, BUFFER, CAPACITY, accepted, refused, ledger.recorded(), count(itemsByDeployment, first),
                count(itemsByDeployment, second), ledger.duplicates(),
                results.stream().mapToLong(r -> ledger.missing(r.producer(), r.accepted())).sum(),
                beforeUndeploy, afterUndeploy.since(beforeUndeploy), beforeRedeploy.since(afterUndeploy),
                sizeWhileUndeployed, atStop.since(beforeRedeploy), count(newItemsByDeployment, second),
                count(newItemsByDeployment, first));
        Files.writeString(Path.of(ConfigProvider.getConfig().getValue("it.undeploying.report", String.class)), report,
                StandardCharsets.UTF_8);
        LOG.info(report);

        for (NumberedProducer.Result result : results) {
            assertEquals(0, ledger.missing(result.producer(), result.accepted()),
                    "accepted items of producer " + result.producer() + " (0.." + (result.accepted() - 1)
                            + ") never delivered; received: " + ledger.ranges(result.producer()));
            assertEquals(0, ledger.beyond(result.producer(), result.accepted()),
                    "items of producer " + result.producer() + " delivered but never accepted");
            for (BufferException refusal : new BufferException[] {result.firstRefusal(), result.otherRefusal()}) {
                assertTrue(refusal == null || refusal.getMessage().contains("'" + BUFFER + "'"),
                        "a refusal names the buffer: " + refusal);
            }
        }
        assertEquals(0, ledger.duplicates(), "items delivered twice");
        assertEquals(0, ledger.foreign(), "items that no producer pushed");
        assertEquals(accepted, ledger.recorded(), "accepted = delivered");
        assertTrue(refused > 0, "the producers were refused while no listener was deployed");
        assertEquals(accepted, attribute(mbean, "Inserted"), "the buffer accepted what the producers saw accepted");
        assertEquals(refused, attribute(mbean, "Rejected"), "the buffer refused what the producers saw refused");
        assertEquals(accepted, attribute(mbean, "Processed"));
        assertEquals(0L, attribute(mbean, "Failures"), "no batch given up");
        assertEquals(2, deployments.size(), "deliveries went to two deployments: " + deployments);
        assertTrue(count(itemsByDeployment, first) >= beforeUndeploy.delivered());
        assertEquals(0, count(newItemsByDeployment, first), "the first deployment received nothing pushed after it"
                + " was gone");
    }

    /** Totals at one moment of the test. */
    private record Snapshot(long accepted, long refused, long delivered) {
        Snapshot since(Snapshot earlier) {
            return new Snapshot(accepted - earlier.accepted, refused - earlier.refused, delivered - earlier.delivered);
        }

        @Override
        public String toString() {
            return String.format("accepted %,d, refused %,d, delivered %,d", accepted, refused, delivered);
        }
    }

    private static Snapshot snapshot(List<NumberedProducer> producers, DeliveryLedger ledger) {
        return new Snapshot(producers.stream().mapToLong(NumberedProducer::accepted).sum(),
                producers.stream().mapToLong(NumberedProducer::refused).sum(), ledger.recorded());
    }

    private static boolean isNew(long id, AtomicLongArray redeployMark) {
        int producer = DeliveryLedger.producerOf(id);
        return producer < redeployMark.length() && DeliveryLedger.sequenceOf(id) >= redeployMark.get(producer);
    }

    private static long count(Map<String, AtomicLong> counts, String key) {
        AtomicLong count = counts.get(key);
        return count == null ? 0 : count.get();
    }

    private long attribute(ObjectName buffer, String name) {
        try {
            return (Long) jmx.getAttribute(buffer, name);
        } catch (Exception e) {
            throw new IllegalStateException("JMX attribute " + name + " of " + buffer, e);
        }
    }
}
