package org.partitionedbuffer.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import javax.management.MBeanServer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.ArchiveAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.api.BufferMonitoring;
import org.partitionedbuffer.it.app.Buffers;
import org.partitionedbuffer.it.twoapps.FirstBean;
import org.partitionedbuffer.it.twoapps.second.LoaderProbe;
import org.partitionedbuffer.it.twoapps.second.SecondBean;

/**
 * Two applications with the metrics jar in one server each show the buffers they use, and a buffer both use shows
 * the same figures in both; when one is undeployed its metrics go, the adapter lets go of it (its class loader is
 * collected), and once redeployed it shows the buffer's counts again, nothing counted twice.
 */
@ExtendWith(ArquillianExtension.class)
class MetricsTwoApplicationsIT {

    private static final String SECOND_APP = "metrics-second";
    private static final Duration DELIVERY = Duration.ofSeconds(20);
    private static final String INSERTED = "partitioned_buffer_inserted_total";

    /** The first application is the test's; it carries the second as a resource and deploys it itself. */
    @Deployment
    static WebArchive application() {
        WebArchive second = ShrinkWrap.create(WebArchive.class, SECOND_APP + ".war")
                .addPackage(SecondBean.class.getPackage())
                .addAsLibraries(TestArchives.metricsJar());
        return TestArchives.war("metrics-first", "", Buffers.class, PrometheusScrape.class, MicroRuntime.class)
                .addPackage(FirstBean.class.getPackage())
                .addAsLibraries(TestArchives.metricsJar())
                .addAsResource(new ArchiveAsset(second, ZipExporter.class), SECOND_APP + ".war");
    }

    @Resource(lookup = Buffers.JNDI)
    private BufferConnectionFactory buffers;

    @ArquillianResource
    private URL applicationUrl;

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    @AfterEach
    void undeployTheSecondApplication() throws Exception {
        MicroRuntime micro = MicroRuntime.current();
        if (micro.deployedApplications().contains(SECOND_APP)) {
            micro.undeploy(SECOND_APP);
        }
        System.getProperties().remove(LoaderProbe.KEY);
    }

    @Test
    void eachApplicationSeesItsOwnBuffersAndAnUndeployedOneLeavesNothingBehind() throws Exception {
        MicroRuntime micro = MicroRuntime.current();
        int listenersOfTheFirstApplication = BufferMonitoring.listenerCount();
        assertTrue(deploySecond(micro), "deployment of " + SECOND_APP);
        assertEquals(listenersOfTheFirstApplication + 1, BufferMonitoring.listenerCount(),
                "the second application's metrics observe the adapter");

        pushFromTheFirst(6);
        pushFromTheSecond(4);
        awaitProcessed(FirstBean.BUFFER, 6);
        awaitProcessed(SecondBean.BUFFER, 4);

        PrometheusScrape both = PrometheusScrape.of(applicationUrl);
        // Each buffer is counted by the one application that uses it: with both counting, the figures would double.
        assertEquals(6.0, both.total(INSERTED, FirstBean.BUFFER));
        assertEquals(4.0, both.total(INSERTED, SecondBean.BUFFER));
        assertEquals(4.0, both.total("partitioned_buffer_processed_total", SecondBean.BUFFER));

        // The second application now uses the first one's buffer too: both show it, with the same figures.
        try (InputStream response = new URL(applicationUrl, "/" + SECOND_APP + "/push?count=2&buffer="
                + FirstBean.BUFFER).openStream()) {
            response.readAllBytes();
        }
        awaitProcessed(FirstBean.BUFFER, 8);
        PrometheusScrape shared = PrometheusScrape.of(applicationUrl);
        assertEquals(8.0, shared.total(INSERTED, FirstBean.BUFFER));
        assertEquals(8.0, shared.total("partitioned_buffer_processed_total", FirstBean.BUFFER));

        micro.undeploy(SECOND_APP);

        assertEquals(listenersOfTheFirstApplication, BufferMonitoring.listenerCount(),
                "the undeployed application's listener left the adapter");
        PrometheusScrape afterUndeploy = PrometheusScrape.of(applicationUrl);
        assertEquals(List.of(), afterUndeploy.find(INSERTED, "buffer", SecondBean.BUFFER));
        assertEquals(8.0, afterUndeploy.total(INSERTED, FirstBean.BUFFER), "the first application is unaffected");
        awaitCollected(secondApplicationLoader());

        assertTrue(deploySecond(micro), "second deployment of " + SECOND_APP);
        pushFromTheSecond(3);
        awaitProcessed(SecondBean.BUFFER, 7);

        PrometheusScrape redeployed = PrometheusScrape.of(applicationUrl);
        assertEquals(7.0, redeployed.total(INSERTED, SecondBean.BUFFER), "the buffer's own count, none twice");
        assertEquals(7.0, redeployed.total("partitioned_buffer_processed_total", SecondBean.BUFFER));
        assertEquals(8.0, redeployed.total(INSERTED, FirstBean.BUFFER));
    }

    private boolean deploySecond(MicroRuntime micro) throws Exception {
        try (InputStream war = getClass().getClassLoader().getResourceAsStream(SECOND_APP + ".war")) {
            return micro.deploy(SECOND_APP, war);
        }
    }

    private void pushFromTheFirst(int count) throws Exception {
        try (BufferConnection connection = buffers.getConnection()) {
            connection.pushAll(FirstBean.BUFFER, IntStream.range(0, count).mapToObj(i -> "first-" + i).toList());
        }
    }

    private void pushFromTheSecond(int count) throws Exception {
        try (InputStream response = new URL(applicationUrl, "/" + SECOND_APP + "/push?count=" + count).openStream()) {
            assertEquals(Integer.toString(count), new String(response.readAllBytes()));
        }
    }

    private void awaitProcessed(String buffer, long items) {
        await().atMost(DELIVERY)
                .until(() -> (Long) jmx.getAttribute(BufferMBeanNames.of(buffer), "Processed") == items);
    }

    @SuppressWarnings("unchecked")
    private static WeakReference<ClassLoader> secondApplicationLoader() {
        return (WeakReference<ClassLoader>) System.getProperties().get(LoaderProbe.KEY);
    }

    /** Collection is the proof that nothing (the adapter above all) still holds the application's classes. */
    private static void awaitCollected(WeakReference<ClassLoader> loader) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            System.gc();
            return loader.get() == null;
        });
    }
}
