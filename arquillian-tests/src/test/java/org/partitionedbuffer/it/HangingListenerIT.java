package org.partitionedbuffer.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.management.MBeanServer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.it.app.Buffers;
import org.partitionedbuffer.it.hang.Hang;

/**
 * A listener that hangs past processingTimeoutMs is interrupted and its batch retried and delivered before the later
 * batches of its partition; meanwhile another buffer's listener keeps receiving batches.
 */
@ExtendWith(ArquillianExtension.class)
class HangingListenerIT {

    private static final Duration DELIVERY = Duration.ofSeconds(20);
    /** Batches B must deliver while A's listener hangs (B ticks every 100 ms, A times out after 1000 ms). */
    private static final int B_BATCHES_DURING_HANG = 3;

    @Deployment
    static WebArchive application() {
        String report = "it.hang.report="
                + new File(System.getProperty("it.target"), "hang-report.txt").getAbsolutePath() + "\n";
        return TestArchives.war("hang-it", report, Buffers.class).addPackage(Hang.class.getPackage());
    }

    @Resource(lookup = Buffers.JNDI)
    private BufferConnectionFactory buffers;

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    private static List<String> batch(String prefix, int index) {
        return IntStream.range(0, 5).mapToObj(j -> prefix + "-" + index + "-" + j).toList();
    }

    @AfterEach
    void releaseAnyBlockedListener() {
        Hang.RELEASE.countDown();
    }

    @Test
    void aHangingListenerIsInterruptedAndRetriedWhileAnotherBuffersListenerKeepsReceivingBatches() throws Exception {
        List<List<String>> batchesA = List.of(batch("hang", 0), batch("ok", 1), batch("ok", 2));
        try (BufferConnection connection = buffers.getConnection()) {
            batchesA.forEach(items -> connection.pushAll("hang-a", items));
        }
        jmx.invoke(BufferMBeanNames.of("hang-a"), "flush", null, null);

        // Feed B one item per poll until A's listener has been interrupted.
        List<String> pushedB = new ArrayList<>();
        await().atMost(DELIVERY).pollInSameThread().pollInterval(Duration.ofMillis(20)).until(() -> {
            String item = "b-" + pushedB.size();
            try (BufferConnection connection = buffers.getConnection()) {
                connection.push("hang-b", item);
            }
            pushedB.add(item);
            return Hang.B_AT_INTERRUPT.get() >= 0;
        });

        int atStart = Hang.B_AT_HANG_START.get();
        int atInterrupt = Hang.B_AT_INTERRUPT.get();
        assertTrue(atStart >= 0, "A's listener started hanging");
        assertTrue(atInterrupt - atStart >= B_BATCHES_DURING_HANG,
                "B delivered " + (atInterrupt - atStart) + " batches while A hung (from " + atStart + " to "
                        + atInterrupt + ")");
        assertEquals(1, Hang.INTERRUPTS.size(), "the hanging attempt was interrupted once");

        await().atMost(DELIVERY).until(() -> (Long) jmx.getAttribute(BufferMBeanNames.of("hang-a"), "Processed") == 15L);
        assertEquals(List.of("hang-0-0#1", "hang-0-0#2", "ok-1-0#1", "ok-2-0#1"),
                Hang.CALLS_A.stream().map(call -> call.first() + "#" + call.attempt()).toList(),
                "the timed-out batch is retried before the later batches of its partition");
        List<Object> deliveredA = new ArrayList<>();
        Hang.CALLS_A.stream().skip(1).forEach(call -> deliveredA.addAll(call.items()));
        assertEquals(batchesA.stream().flatMap(List::stream).toList(), deliveredA, "each item of A once, in order");
        assertEquals(15L, jmx.getAttribute(BufferMBeanNames.of("hang-a"), "Inserted"));
        assertEquals(0L, jmx.getAttribute(BufferMBeanNames.of("hang-a"), "Failures"));
        assertEquals(0L, jmx.getAttribute(BufferMBeanNames.of("hang-a"), "Size"));

        await().atMost(DELIVERY).until(() -> Hang.BATCHES_B.stream().mapToInt(List::size).sum() >= pushedB.size());
        assertEquals(pushedB, Hang.BATCHES_B.stream().flatMap(List::stream).toList(), "each item of B once, in order");
        assertEquals((long) pushedB.size(), jmx.getAttribute(BufferMBeanNames.of("hang-b"), "Inserted"));
        assertEquals((long) pushedB.size(), jmx.getAttribute(BufferMBeanNames.of("hang-b"), "Processed"));

        Path file = Path.of(ConfigProvider.getConfig().getValue("it.hang.report", String.class));
        Files.writeString(file, String.format("hang: B delivered %d batches while A hung; %d items pushed to B%n",
                atInterrupt - atStart, pushedB.size()), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
