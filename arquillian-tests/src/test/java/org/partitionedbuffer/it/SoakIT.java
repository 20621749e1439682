package org.partitionedbuffer.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.api.PartitionKey;
import org.partitionedbuffer.it.app.Buffers;
import org.partitionedbuffer.it.ledger.DeliveryLedger;
import org.partitionedbuffer.it.ledger.NumberedProducer;
import org.partitionedbuffer.it.soak.SoakBean;
import org.partitionedbuffer.it.soak.SoakTally;

/**
 * A soak at full speed (system property {@code it.soak.minutes}, default 5): two producers on container threads push
 * numbered items as fast as they can into a bounded queue buffer (capacity 200,000, overflow=reject) whose bean fails
 * periodically (see {@link SoakTally}); batches failing every retry go to a dead-letter buffer. At the end every
 * accepted item was delivered or dead-lettered, none twice, none that was not accepted; and the heap used after a full
 * GC did not grow between the end of the first minute and the end. Report: target/soak-report.txt.
 */
@ExtendWith(ArquillianExtension.class)
class SoakIT {

    private static final Logger LOG = Logger.getLogger(SoakIT.class.getName());
    private static final String BUFFER = "soak";
    private static final String DEAD = "soak-dead";
    /** Producer 0 pushes one item per call, producer 1 a hundred per pushAll (all or nothing). */
    private static final int[] ITEMS_PER_CALL = {1, 100};
    /**
     * Consecutive numbers in runs of 1,024 share a routing key, so each producer feeds all four partitions and a
     * delivered batch holds a few long runs of consecutive numbers (what keeps the ledger small).
     */
    private static final PartitionKey RUNS_OF_1024 = PartitionKey.by(item -> ((Long) item) >>> 10);
    /**
     * Bound on the growth of heap used (after a full GC) from the end of minute 1 to the end. What the buffers may
     * legitimately hold at either moment: at most 200,000 pending items plus one drain in flight per partition (in
     * practice well under another 200,000), at about 28 bytes per Long item and reference: under 12 MB. A leak of one
     * object per accepted item would be 16 bytes x tens of millions of items: hundreds of MB. 64 MB leaves the server's
     * own fluctuation room without letting such a leak through (the report gives the figures).
     */
    private static final long HEAP_GROWTH_BOUND = 64L << 20;
    private static final Duration SETTLE = Duration.ofMinutes(2);

    @Deployment
    static WebArchive application() {
        String config = "it.soak.report="
                + new File(System.getProperty("it.target"), "soak-report.txt").getAbsolutePath() + "\n"
                + "it.soak.minutes=" + System.getProperty("it.soak.minutes", "5") + "\n";
        return TestArchives.war("soak-it", config, Buffers.class)
                .addPackage(SoakBean.class.getPackage())
                .addPackage(DeliveryLedger.class.getPackage());
    }

    @Resource(lookup = Buffers.JNDI)
    private BufferConnectionFactory buffers;

    @Resource
    private ManagedExecutorService executor;

    @Resource
    private ManagedScheduledExecutorService timer;

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    @Test
    void atFullSpeedWithPeriodicFailuresEveryAcceptedItemIsDeliveredOrDeadLetteredOnceAndTheHeapStaysFlat()
            throws Exception {
        Config config = ConfigProvider.getConfig();
        long soakMillis = Math.round(config.getValue("it.soak.minutes", Double.class) * 60_000);
        long samplePeriodMillis = Math.min(60_000, soakMillis / 2);
        ObjectName soak = BufferMBeanNames.of(BUFFER);
        ObjectName dead = BufferMBeanNames.of(DEAD);

        long start = System.nanoTime();
        long end = start + TimeUnit.MILLISECONDS.toNanos(soakMillis);
        List<NumberedProducer> producers = new ArrayList<>();
        List<Future<NumberedProducer.Result>> running = new ArrayList<>();
        for (int p = 0; p < ITEMS_PER_CALL.length; p++) {
            NumberedProducer producer = new NumberedProducer(buffers, BUFFER, p, ITEMS_PER_CALL[p], RUNS_OF_1024,
                    () -> System.nanoTime() - end < 0);
            producers.add(producer);
            running.add(executor.submit(producer));
        }
        List<String> samples = new CopyOnWriteArrayList<>();
        List<Long> heapUnderLoad = new CopyOnWriteArrayList<>();
        ScheduledFuture<?> sampler = timer.scheduleAtFixedRate(() -> {
            long used = heapUsedAfterGc();
            heapUnderLoad.add(used);
            samples.add(String.format("  at %3d s: heap used %4d MB, accepted %,d, delivered %,d, dead-lettered %,d,"
                            + " pending %,d", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), used >> 20,
                    producers.stream().mapToLong(NumberedProducer::accepted).sum(), SoakTally.DELIVERED.get(),
                    SoakTally.DEAD_LETTERED.get(), attribute(soak, "Size")));
        }, samplePeriodMillis, samplePeriodMillis, TimeUnit.MILLISECONDS);

        List<NumberedProducer.Result> results = new ArrayList<>();
        try {
            for (Future<NumberedProducer.Result> producer : running) {
                results.add(producer.get(soakMillis + 120_000, TimeUnit.MILLISECONDS));
            }
        } finally {
            sampler.cancel(false);
        }
        long producingNanos = System.nanoTime() - start;
        long heapAtEnd = heapUsedAfterGc();
        long accepted = results.stream().mapToLong(NumberedProducer.Result::accepted).sum();
        long refused = results.stream().mapToLong(NumberedProducer.Result::refusedItems).sum();

        // Everything accepted leaves the buffers: delivered, or given up into soak-dead and delivered from there.
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertEquals(0L, attribute(soak, "Size"), "soak pending");
            assertEquals(accepted, attribute(soak, "Processed") + attribute(dead, "Inserted"),
                    "soak's items delivered or dead-lettered");
            assertEquals(0L, attribute(dead, "Size"), "soak-dead pending");
            assertEquals(attribute(dead, "Inserted"), attribute(dead, "Processed"), "soak-dead's items delivered");
        });
        long heapAfterDelivery = heapUsedAfterGc();

        DeliveryLedger ledger = SoakTally.LEDGER;
        long delivered = SoakTally.DELIVERED.get();
        long deadLettered = SoakTally.DEAD_LETTERED.get();
        long heapAfterMinute1 = heapUnderLoad.isEmpty() ? heapAtEnd : heapUnderLoad.get(0);
        String report = report(results, producingNanos, delivered, deadLettered, samples, heapAfterMinute1, heapAtEnd,
                heapAfterDelivery, attribute(soak, "Failures"));
        Files.writeString(Path.of(config.getValue("it.soak.report", String.class)), report, StandardCharsets.UTF_8);
        LOG.info(report);

        for (NumberedProducer.Result result : results) {
            assertNull(result.otherRefusal(), "every refusal is for capacity");
            assertEquals(0, ledger.missing(result.producer(), result.accepted()),
                    "accepted items of producer " + result.producer() + " (0.." + (result.accepted() - 1)
                            + ") neither delivered nor dead-lettered; received: " + ledger.ranges(result.producer()));
            assertEquals(0, ledger.beyond(result.producer(), result.accepted()),
                    "items of producer " + result.producer() + " received but never accepted");
        }
        assertEquals(0, ledger.duplicates(), "items received twice (no attempt timed out, so none may be)");
        assertEquals(0, ledger.foreign(), "items that no producer pushed");
        assertEquals(accepted, delivered + deadLettered, "accepted = delivered + dead-lettered");
        assertEquals(accepted, attribute(soak, "Inserted"), "the buffer accepted what the producers saw accepted");
        assertEquals(refused, attribute(soak, "Rejected"), "the buffer refused what the producers saw refused");
        assertEquals(delivered, attribute(soak, "Processed"));
        assertEquals(deadLettered, attribute(dead, "Inserted"));
        assertTrue(SoakTally.injectedFailures() > 0 && deadLettered > 0,
                "failures were injected and some batches failed every retry");
        assertTrue(delivered > deadLettered, "most batches got through");
        assertTrue(heapAtEnd - heapAfterMinute1 < HEAP_GROWTH_BOUND, String.format(
                "heap used after a full GC grew by %d MB from the first sample to the end (bound %d MB)",
                (heapAtEnd - heapAfterMinute1) >> 20, HEAP_GROWTH_BOUND >> 20));
    }

    private String report(List<NumberedProducer.Result> results, long producingNanos, long delivered, long deadLettered,
                          List<String> samples, long heapAfterMinute1, long heapAtEnd, long heapAfterDelivery,
                          long givenUpBatches) {
        long accepted = results.stream().mapToLong(NumberedProducer.Result::accepted).sum();
        double seconds = producingNanos / 1e9;
        StringBuilder text = new StringBuilder(String.format("soak: %.1f minutes of producing, 2 producers into"
                        + " 'soak' (4 partitions, capacity 200,000, overflow=reject, maxRetries 3, retryBackoffMs 100)%n",
                seconds / 60));
        for (NumberedProducer.Result result : results) {
            text.append(String.format("  producer %d (%d item(s) per call): accepted %,d, refused %,d items in %,d"
                            + " calls%n", result.producer(), ITEMS_PER_CALL[result.producer()], result.accepted(),
                    result.refusedItems(), result.refusedCalls()));
        }
        text.append(String.format("  accepted %,d (%,.0f items/s), refused %,d%n", accepted, accepted / seconds,
                results.stream().mapToLong(NumberedProducer.Result::refusedItems).sum()));
        text.append(String.format("  delivered %,d in %,d batches, dead-lettered %,d (%d batches given up),"
                        + " duplicates %d, missing %d%n", delivered, SoakTally.DELIVERED_BATCHES.get(), deadLettered,
                givenUpBatches, SoakTally.LEDGER.duplicates(), results.stream()
                        .mapToLong(r -> SoakTally.LEDGER.missing(r.producer(), r.accepted())).sum()));
        text.append(String.format("  failures injected %,d: poison %,d, outage %,d, periodic %,d%n",
                SoakTally.injectedFailures(), SoakTally.POISON_FAILURES.get(), SoakTally.OUTAGE_FAILURES.get(),
                SoakTally.PERIODIC_FAILURES.get()));
        text.append("  heap used after System.gc(), while producing:\n");
        samples.forEach(sample -> text.append(sample).append('\n'));
        text.append(String.format("  heap used after System.gc(): first sample %d MB, end of producing %d MB"
                        + " (growth %+d MB, bound %d MB), after delivery %d MB%n", heapAfterMinute1 >> 20,
                heapAtEnd >> 20, (heapAtEnd - heapAfterMinute1) >> 20, HEAP_GROWTH_BOUND >> 20,
                heapAfterDelivery >> 20));
        return text.toString();
    }

    private long heapUsedAfterGc() {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private long attribute(ObjectName buffer, String name) {
        try {
            return (Long) jmx.getAttribute(buffer, name);
        } catch (Exception e) {
            throw new IllegalStateException("JMX attribute " + name + " of " + buffer, e);
        }
    }
}
