package org.partitionedbuffer.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.it.app.Buffers;
import org.partitionedbuffer.it.racing.Tally;

/**
 * Two producers on container threads race 500,000 distinct items each into a four-partition buffer drained every
 * millisecond: every item arrives exactly once, and each producer's items reach each partition in the order pushed.
 */
@ExtendWith(ArquillianExtension.class)
class RacingProducersIT {

    private static final int TOTAL = Tally.PRODUCERS * Tally.PER_PRODUCER;

    @Deployment
    static WebArchive application() {
        String report = "it.racing.report="
                + new File(System.getProperty("it.target"), "racing-report.txt").getAbsolutePath() + "\n";
        return TestArchives.war("racing-it", report, Buffers.class).addPackage(Tally.class.getPackage());
    }

    @Resource(lookup = Buffers.JNDI)
    private BufferConnectionFactory buffers;

    @Resource
    private ManagedExecutorService executor;

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    @Test
    void everyItemOfTwoRacingProducersIsDeliveredExactlyOnceInEachProducersOrderPerPartition() throws Exception {
        ObjectName race = BufferMBeanNames.of("race");
        List<Future<Integer>> producers = new ArrayList<>();
        for (int p = 0; p < Tally.PRODUCERS; p++) {
            int first = p * Tally.PER_PRODUCER;
            producers.add(executor.submit(() -> {
                int pushed = 0;
                try (BufferConnection connection = buffers.getConnection()) {
                    for (int i = 0; i < Tally.PER_PRODUCER; i++) {
                        connection.push("race", first + i);
                        pushed++;
                    }
                }
                return pushed;
            }));
        }
        int pushed = 0;
        for (Future<Integer> producer : producers) {
            pushed += producer.get();
        }
        assertEquals(TOTAL, pushed);
        assertEquals((long) TOTAL, jmx.getAttribute(race, "Inserted"));

        await().atMost(Duration.ofSeconds(45)).until(() -> Tally.DELIVERED.get() >= TOTAL
                && (Long) jmx.getAttribute(race, "Processed") >= TOTAL);

        int missing = 0;
        int duplicated = 0;
        for (int i = 0; i < TOTAL; i++) {
            int times = Tally.TIMES_DELIVERED.get(i);
            missing += times == 0 ? 1 : 0;
            duplicated += times > 1 ? 1 : 0;
        }
        assertEquals(0, missing, "items never delivered");
        assertEquals(0, duplicated, "items delivered more than once");
        assertEquals(0, Tally.DUPLICATES.get());
        assertEquals(0, Tally.FOREIGN.get());
        assertEquals(0, Tally.OUT_OF_ORDER.get(), "items of one producer out of push order within a partition");
        assertEquals((long) TOTAL, Tally.DELIVERED.get());
        assertEquals((long) TOTAL, jmx.getAttribute(race, "Processed"));
        assertEquals(0L, jmx.getAttribute(race, "Size"));
        assertEquals(0L, jmx.getAttribute(race, "Failures"));

        Path file = Path.of(ConfigProvider.getConfig().getValue("it.racing.report", String.class));
        Files.writeString(file, String.format("racing: %d items pushed by %d producers, %d delivered in %d batches%n",
                        pushed, Tally.PRODUCERS, Tally.DELIVERED.get(), Tally.BATCHES.get()),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
