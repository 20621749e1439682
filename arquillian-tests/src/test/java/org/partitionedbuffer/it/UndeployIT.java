package org.partitionedbuffer.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.partitionedbuffer.it.DeploymentRecord.itemsOf;
import static org.partitionedbuffer.it.DeploymentRecord.sorted;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.awaitility.core.ConditionTimeoutException;
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
import org.partitionedbuffer.api.PartitionKey;
import org.partitionedbuffer.it.app.Buffers;
import org.partitionedbuffer.it.undeploy.RecordingListenerBean;

/**
 * Undeploying (with Payara Micro's runtime API) the application that holds a buffer's message-driven bean loses
 * nothing: pending items reach the bean before its application stops (the undeploy waits for them, also behind a batch
 * in onBatch), and items inserted while no listener is attached reach the redeployed listener.
 */
@ExtendWith(ArquillianExtension.class)
class UndeployIT {

    private static final String BUFFER = "it-undeploy";
    private static final String LISTENER_APP = "undeploy-listener";
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    /** The test application, carrying the listener application as a resource that it deploys itself. */
    @Deployment
    static WebArchive application() {
        String record = "it.undeploy.record="
                + new File(System.getProperty("it.target"), "undeploy-recorded.txt").getAbsolutePath() + "\n";
        WebArchive listener = ShrinkWrap.create(WebArchive.class, LISTENER_APP + ".war")
                .addPackage(RecordingListenerBean.class.getPackage())
                .addAsResource(new StringAsset(record), "META-INF/microprofile-config.properties");
        return TestArchives.war("undeploy-it", record, Buffers.class, MicroRuntime.class, DeploymentRecord.class)
                .addAsResource(new ArchiveAsset(listener, ZipExporter.class), LISTENER_APP + ".war");
    }

    @Resource(lookup = Buffers.JNDI)
    private BufferConnectionFactory buffers;

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    private MicroRuntime micro;
    private Path record;
    private DeploymentRecord recorded;
    private ObjectName mbean;

    @BeforeEach
    void deployTheListenerApplication() throws Exception {
        micro = MicroRuntime.current();
        record = Path.of(ConfigProvider.getConfig().getValue("it.undeploy.record", String.class));
        recorded = new DeploymentRecord(record);
        mbean = BufferMBeanNames.of(BUFFER);
        Files.deleteIfExists(record);
        assertTrue(deployListener(), "deployment of " + LISTENER_APP);
        assertTrue(jmx.isRegistered(mbean), "the listener's activation created " + BUFFER);
        assertEquals(0L, jmx.getAttribute(mbean, "Size"));
    }

    @AfterEach
    void undeployTheListenerApplication() throws Exception {
        System.getProperties().remove(RecordingListenerBean.ENTERED);
        System.getProperties().remove(RecordingListenerBean.RELEASE);
        if (micro != null && micro.deployedApplications().contains(LISTENER_APP)) {
            micro.undeploy(LISTENER_APP);
        }
    }

    @Test
    void pendingItemsReachTheLeavingListenerAndItemsInsertedWhileUndeployedTheRedeployedOne() throws Exception {
        String first = recorded.onlyDeployment();
        List<String> beforeUndeploy = items("before", 60);
        List<String> whileDetached = items("detached", 40);
        try (BufferConnection connection = buffers.getConnection()) {
            connection.pushAll(BUFFER, beforeUndeploy);
        }
        assertEquals(60L, jmx.getAttribute(mbean, "Size"), "pending: the interval is ten minutes");

        micro.undeploy(LISTENER_APP);

        assertFalse(micro.deployedApplications().contains(LISTENER_APP), "undeployed");
        assertEquals(0L, jmx.getAttribute(mbean, "Size"), "nothing left in the adapter after undeploy");
        assertEquals(sorted(beforeUndeploy), sorted(itemsOf(recorded.items())),
                "the pending items reached the listener before its application stopped");
        assertTrue(recorded.items().stream().allMatch(line -> line.startsWith("item " + first + " ")));
        try (BufferConnection connection = buffers.getConnection()) {
            connection.pushAll(BUFFER, whileDetached.subList(0, 20));
            whileDetached.subList(20, 40).forEach(item -> connection.push(BUFFER, item));
            assertEquals(40L, connection.size(BUFFER), "accepted while no listener is attached");
        }
        long processedBefore = (Long) jmx.getAttribute(mbean, "Processed");

        assertTrue(deployListener(), "second deployment of " + LISTENER_APP);

        await().atMost(DELIVERY).until(() -> recorded.items().size() >= 100);
        String second = recorded.theOtherDeployment(first);
        List<String> expected = new ArrayList<>(beforeUndeploy);
        expected.addAll(whileDetached);
        assertEquals(sorted(expected), sorted(itemsOf(recorded.items())), "every item delivered once");
        assertEquals(sorted(whileDetached), sorted(itemsOf(recorded.items().stream()
                .filter(line -> line.startsWith("item " + second + " ")).toList())),
                "what was inserted while undeployed went to the redeployed listener");
        await().atMost(DELIVERY).until(() -> (Long) jmx.getAttribute(mbean, "Processed") == processedBefore + 40);
        assertEquals(0L, jmx.getAttribute(mbean, "Size"));
    }

    @Test
    void anUndeployWaitsForTheBatchInOnBatchAndDeliversWhatIsBehindItToTheLeavingListener() throws Exception {
        String first = recorded.onlyDeployment();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        System.getProperties().put(RecordingListenerBean.ENTERED, entered);
        System.getProperties().put(RecordingListenerBean.RELEASE, release);
        List<String> after = items("after", 20);
        AtomicBoolean undeployWaited = new AtomicBoolean();
        Thread releaser = new Thread(() -> {
            try {
                await().atMost(DELIVERY).until(UndeployIT::aThreadWaitsForABufferToDeliver);
                undeployWaited.set(true); // the undeploy has begun and waits for the batch in onBatch
            } catch (ConditionTimeoutException neverWaited) {
                // reported by the assertion below
            } finally {
                release.countDown();
            }
        }, "undeploy-it-releaser");
        try {
            // One partition, one item a batch: "hold" is delivered first and stays in onBatch; the rest wait behind it.
            jmx.setAttribute(mbean, new Attribute("ProcessingBatchSize", "1"));
            try (BufferConnection connection = buffers.getConnection()) {
                BufferConnection onePartition = connection.routedBy(PartitionKey.of("one"));
                onePartition.push(BUFFER, RecordingListenerBean.HOLD);
                onePartition.pushAll(BUFFER, after);
            }
            jmx.invoke(mbean, "flush", null, null);
            await().atMost(DELIVERY).until(() -> entered.getCount() == 0);
            releaser.start();

            micro.undeploy(LISTENER_APP);

            assertFalse(micro.deployedApplications().contains(LISTENER_APP), "undeployed");
        } finally {
            release.countDown();
            releaser.join();
        }
        assertTrue(undeployWaited.get(), "the undeploy waited for the batch in onBatch");
        List<String> expected = new ArrayList<>(after);
        expected.add(RecordingListenerBean.HOLD);
        assertEquals(sorted(expected), sorted(itemsOf(recorded.items())), "each item delivered once, before the"
                + " undeploy returned");
        assertTrue(recorded.items().stream().allMatch(line -> line.startsWith("item " + first + " ")),
                "to the leaving listener");
        assertEquals(0L, jmx.getAttribute(mbean, "Size"));
    }

    /** Whether some thread waits in the adapter for a buffer to deliver what it holds (an application stopping). */
    private static boolean aThreadWaitsForABufferToDeliver() {
        return Thread.getAllStackTraces().values().stream().flatMap(Arrays::stream)
                .anyMatch(frame -> frame.getClassName().equals("org.partitionedbuffer.core.PartitionedBuffer")
                        && frame.getMethodName().equals("flushAndWait"));
    }

    private boolean deployListener() throws Exception {
        return micro.deployCarried(LISTENER_APP);
    }

    private static List<String> items(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
    }
}
