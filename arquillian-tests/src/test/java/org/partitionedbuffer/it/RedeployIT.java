package org.partitionedbuffer.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.partitionedbuffer.it.DeploymentRecord.itemsOf;
import static org.partitionedbuffer.it.DeploymentRecord.sorted;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.ArchiveAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.it.app.Buffers;
import org.partitionedbuffer.it.redeploy.ByRoute;
import org.partitionedbuffer.it.redeploy.Shipment;

/**
 * Redeploying an application whose items are its own classes, routed by its own partitionKey class, breaks nothing and
 * loses nothing: what the old deployment pushed reaches its bean before it goes, the new deployment's pushes are routed
 * with its own function, what another application pushes meanwhile (its own classes, of the same names) reaches the
 * bean as instances of the bean's classes, and the old deployment's class loader is collected.
 */
@ExtendWith(ArquillianExtension.class)
class RedeployIT {

    private static final String BUFFER = "it-redeploy";
    private static final String LISTENER_APP = "redeploy-app";
    private static final Duration DELIVERY = Duration.ofSeconds(60);
    /** Where the listener application's ShipmentProducer leaves its producer and its class loader. */
    private static final String PRODUCER = "it.redeploy.producer";
    private static final String LOADER = "it.redeploy.loader";

    /** The test application, carrying the listener application as a resource that it deploys itself. */
    @Deployment
    static WebArchive application() {
        String record = "it.redeploy.record="
                + new File(System.getProperty("it.target"), "redeploy-recorded.txt").getAbsolutePath() + "\n";
        WebArchive listener = ShrinkWrap.create(WebArchive.class, LISTENER_APP + ".war")
                .addPackage(Shipment.class.getPackage())
                .addAsResource(new StringAsset(record), "META-INF/microprofile-config.properties");
        return TestArchives.war("redeploy-it", record, Buffers.class, MicroRuntime.class, DeploymentRecord.class,
                        Shipment.class, ByRoute.class)
                .addAsResource(new ArchiveAsset(listener, ZipExporter.class), LISTENER_APP + ".war");
    }

    @Resource(lookup = Buffers.JNDI)
    private BufferConnectionFactory buffers;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    private MicroRuntime micro;
    private Path record;
    private DeploymentRecord recorded;
    private ObjectName mbean;

    @BeforeEach
    void deployTheListenerApplication() throws Exception {
        micro = MicroRuntime.current();
        record = Path.of(ConfigProvider.getConfig().getValue("it.redeploy.record", String.class));
        recorded = new DeploymentRecord(record);
        mbean = BufferMBeanNames.of(BUFFER);
        Files.deleteIfExists(record);
        assertTrue(micro.deployCarried(LISTENER_APP), "deployment of " + LISTENER_APP);
        assertEquals(0L, jmx.getAttribute(mbean, "Size"));
    }

    @AfterEach
    void undeployTheListenerApplication() throws Exception {
        if (micro != null && micro.deployedApplications().contains(LISTENER_APP)) {
            micro.undeploy(LISTENER_APP);
        }
        System.getProperties().remove(PRODUCER);
        System.getProperties().remove(LOADER);
    }

    @Test
    void shipmentsPendingAtARedeployReachTheOldDeploymentBeforeItGoesAndTheNewOnesPushesAreRoutedByItsFunction()
            throws Exception {
        String first = recorded.onlyDeployment();
        listenerApplicationPushes(1, 500);
        assertEquals(500L, jmx.getAttribute(mbean, "Size"), "pending: the interval is ten minutes");
        WeakReference<ClassLoader> firstLoader = listenerApplicationLoader();

        micro.undeploy(LISTENER_APP);
        assertEquals(sorted(shipments(1, 500)), sorted(itemsOf(recorded.items())),
                "delivered to the first deployment before its undeploy returned");
        assertEquals(0L, jmx.getAttribute(mbean, "Size"));
        assertTrue(micro.deployCarried(LISTENER_APP), "second deployment of " + LISTENER_APP);
        String second = recorded.theOtherDeployment(first);
        listenerApplicationPushes(501, 600); // refused before: the first deployment's ByRoute cast these
        jmx.invoke(mbean, "flush", null, null);
        await().atMost(DELIVERY).until(() -> recorded.items().size() >= 600);

        assertEquals(sorted(shipments(1, 600)), sorted(itemsOf(recorded.items())), "every shipment delivered once");
        assertEquals(500, recorded.items().stream().filter(line -> line.startsWith("item " + first + " ")).count());
        assertEquals(100, recorded.items().stream().filter(line -> line.startsWith("item " + second + " ")).count(),
                "the new deployment's shipments reach its own bean, which casts each to its own Shipment class");
        awaitCollected(firstLoader);
    }

    @Test
    void shipmentsAnotherApplicationPushesWhileTheListenerIsRedeployedReachItAsItsOwnClasses() throws Exception {
        String first = recorded.onlyDeployment();
        Queue<String> accepted = new ConcurrentLinkedQueue<>();
        AtomicInteger number = new AtomicInteger();
        AtomicReference<RuntimeException> producerFailure = new AtomicReference<>();
        Object pushing = new Object(); // held while a round pushes: taking it after the cancel waits for the last one
        // Ten shipments a millisecond, by the container's scheduler: producing all through the redeploy.
        ScheduledFuture<?> producer = scheduler.scheduleAtFixedRate(() -> {
            synchronized (pushing) {
                try (BufferConnection connection = buffers.getConnection()) {
                    for (int i = 0; i < 10; i++) {
                        int next = number.incrementAndGet();
                        connection.push(BUFFER, new Shipment("other", next)); // the test application's own class
                        accepted.add("other-" + next);
                    }
                } catch (RuntimeException e) {
                    producerFailure.compareAndSet(null, e);
                    throw e;
                }
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        try {
            await().atMost(DELIVERY).until(() -> accepted.size() > 1_000);
            micro.undeploy(LISTENER_APP);
            assertTrue(micro.deployCarried(LISTENER_APP), "second deployment of " + LISTENER_APP);
            await().atMost(DELIVERY).until(() -> recorded.deployments().size() == 2);
        } finally {
            producer.cancel(false);
            synchronized (pushing) {
                assertEquals(null, producerFailure.get(), "every push was accepted");
            }
        }
        jmx.invoke(mbean, "flush", null, null);

        await().atMost(DELIVERY).until(() -> recorded.items().size() >= accepted.size());
        assertEquals(sorted(List.copyOf(accepted)), sorted(itemsOf(recorded.items())),
                "every accepted shipment delivered once");
        String second = recorded.theOtherDeployment(first);
        assertTrue(recorded.items().stream().allMatch(line -> line.startsWith("item " + first + " ")
                || line.startsWith("item " + second + " ")), "recorded by one deployment or the other");
        long toSecond = recorded.items().stream().filter(line -> line.startsWith("item " + second + " ")).count();
        Files.writeString(record.resolveSibling("redeploy-report.txt"), "another application pushed "
                + accepted.size() + " shipments of its own class while the listener was redeployed: "
                + (accepted.size() - toSecond) + " delivered to the first deployment, " + toSecond
                + " to the second, each once, as the bean's own class\n");
    }

    @SuppressWarnings("unchecked")
    private static void listenerApplicationPushes(int from, int to) {
        ((BiConsumer<Integer, Integer>) System.getProperties().get(PRODUCER)).accept(from, to);
    }

    @SuppressWarnings("unchecked")
    private static WeakReference<ClassLoader> listenerApplicationLoader() {
        return (WeakReference<ClassLoader>) System.getProperties().get(LOADER);
    }

    /** Collection is the proof that nothing (the adapter above all) still holds the deployment's classes. */
    private static void awaitCollected(WeakReference<ClassLoader> loader) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            System.gc();
            return loader.get() == null;
        });
    }

    private static List<String> shipments(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(number -> "route-" + number % 7 + "-" + number).toList();
    }
}
