package org.partitionedbuffer.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.api.BufferFullException;
import org.partitionedbuffer.it.app.Buffers;
import org.partitionedbuffer.it.overload.Received;

/**
 * A bounded buffer under a producer far faster than its listener: with overflow=reject the surplus is refused with
 * BufferFullException (counted on both sides), the buffer never holds more than its capacity, and every accepted item
 * is delivered once; with overflow=block a producer waits for room, and is refused when none comes within
 * processingTimeoutMs, or admitted when the listener frees room.
 */
@ExtendWith(ArquillianExtension.class)
class OverloadIT {

    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final int ATTEMPTS = 200_000;

    @Deployment
    static WebArchive application() {
        String report = "it.overload.report="
                + new File(System.getProperty("it.target"), "overload-report.txt").getAbsolutePath() + "\n";
        return TestArchives.war("overload-it", report, Buffers.class).addPackage(Received.class.getPackage());
    }

    @Resource(lookup = Buffers.JNDI)
    private BufferConnectionFactory buffers;

    @Resource
    private ManagedExecutorService executor;

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    @AfterEach
    void openTheGate() {
        Received.GATE.countDown();
    }

    @Test
    void withOverflowRejectTheSurplusIsRefusedAndCountedAndEveryAcceptedItemIsDeliveredOnce() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        List<String> accepted = new ArrayList<>();
        int refused = 0;
        long largestSize = 0;
        BufferFullException firstRefusal = null;
        try (BufferConnection connection = buffers.getConnection()) {
            for (int i = 0; i < ATTEMPTS; i++) {
                String item = "r-" + i;
                try {
                    connection.push("ov-reject", item);
                    accepted.add(item);
                } catch (BufferFullException e) {
                    refused++;
                    if (firstRefusal == null) {
                        firstRefusal = e;
                    }
                }
                largestSize = Math.max(largestSize, connection.size("ov-reject"));
                if (i % 1000 == 0) {
                    largestSize = Math.max(largestSize, (Long) jmx.getAttribute(BufferMBeanNames.of("ov-reject"), "Size"));
                }
            }
        }
        long heapAfterPush = memory.getHeapMemoryUsage().getUsed();

        assertNotNull(firstRefusal, "a producer far faster than the listener is refused");
        String message = firstRefusal.getMessage();
        assertTrue(message.contains("'ov-reject'") && message.contains("capacity of 1000"), message);
        assertEquals(ATTEMPTS, accepted.size() + refused);
        assertTrue(largestSize <= 1000, "Size stayed within the capacity: largest seen " + largestSize);
        assertEquals((long) accepted.size(), jmx.getAttribute(BufferMBeanNames.of("ov-reject"), "Inserted"),
                "the buffer accepted exactly what the producer saw accepted");
        assertEquals((long) refused, jmx.getAttribute(BufferMBeanNames.of("ov-reject"), "Rejected"),
                "the buffer counted exactly what the producer saw refused");

        await().atMost(DELIVERY).until(() -> Received.count("ov-reject") >= accepted.size()
                && (Long) jmx.getAttribute(BufferMBeanNames.of("ov-reject"), "Processed") >= accepted.size());
        List<Object> delivered = Received.items("ov-reject");
        assertEquals(accepted, delivered, "every accepted item once, in push order (one partition, one producer)");
        assertEquals((long) accepted.size(), jmx.getAttribute(BufferMBeanNames.of("ov-reject"), "Processed"));
        assertEquals(0L, jmx.getAttribute(BufferMBeanNames.of("ov-reject"), "Size"));
        assertEquals(0L, jmx.getAttribute(BufferMBeanNames.of("ov-reject"), "Failures"));
        long heapAfterDelivery = memory.getHeapMemoryUsage().getUsed();

        report(String.format("overflow=reject: %d attempts, %d accepted, %d refused, largest Size seen %d;"
                        + " heap used before %d MB, after the pushes %d MB, after delivery %d MB%n",
                ATTEMPTS, accepted.size(), refused, largestSize, heapBefore >> 20, heapAfterPush >> 20,
                heapAfterDelivery >> 20));
    }

    @Test
    void withOverflowBlockAProducerWaitsForRoomAndIsRefusedWhenNoneComesOrAdmittedWhenTheListenerFreesSome()
            throws Exception {
        ObjectName block = BufferMBeanNames.of("ov-block");
        try (BufferConnection connection = buffers.getConnection()) {
            connection.push("ov-block", "first");
        }
        jmx.invoke(block, "flush", null, null);
        // The listener holds the drain of "first": nothing drains until the gate opens.
        await().atMost(DELIVERY).until(() -> !Received.BLOCKED_ATTEMPTS.isEmpty());
        List<String> fill = new ArrayList<>();
        try (BufferConnection connection = buffers.getConnection()) {
            for (int i = 0; i < 100; i++) {
                fill.add("fill-" + i);
                connection.push("ov-block", "fill-" + i);
            }
        }
        assertEquals(100L, jmx.getAttribute(block, "Size"));

        // A producer at capacity waits (processingTimeoutMs=500), then is refused.
        AtomicReference<Thread> producer = new AtomicReference<>();
        Future<?> refusedPush = executor.submit(() -> push(producer, "refused"));
        await().atMost(DELIVERY).until(() -> waiting(producer.get()) || refusedPush.isDone());
        assertFalse(refusedPush.isDone(), "the producer waits for room instead of being refused at once");
        ExecutionException refusal = assertThrows(ExecutionException.class, refusedPush::get);
        BufferFullException full = assertInstanceOf(BufferFullException.class, refusal.getCause());
        assertTrue(full.getMessage().contains("'ov-block'") && full.getMessage().contains("capacity of 100")
                && full.getMessage().contains("overflow=block"), full.getMessage());
        assertEquals(100L, jmx.getAttribute(block, "Size"));

        // With a longer wait, a producer at capacity is admitted as soon as the listener frees room.
        jmx.setAttribute(block, new Attribute("ProcessingTimeoutMs", 30_000L));
        AtomicReference<Thread> admitted = new AtomicReference<>();
        Future<?> admittedPush = executor.submit(() -> push(admitted, "admitted"));
        await().atMost(DELIVERY).until(() -> waiting(admitted.get()) || admittedPush.isDone());
        assertFalse(admittedPush.isDone(), "the producer waits for room");
        Received.GATE.countDown();
        admittedPush.get();
        jmx.invoke(block, "flush", null, null);

        List<String> accepted = new ArrayList<>(List.of("first"));
        accepted.addAll(fill);
        accepted.add("admitted");
        await().atMost(DELIVERY).until(() -> Received.count("ov-block") >= accepted.size());
        List<Object> delivered = Received.items("ov-block");
        assertEquals(accepted, delivered, "every accepted item once, in order; the refused one never");
        assertEquals(new HashSet<>(delivered).size(), delivered.size());
        assertEquals((long) accepted.size(), jmx.getAttribute(block, "Inserted"));
        assertEquals(1L, jmx.getAttribute(block, "Rejected"), "the one refused after waiting is counted");
        await().atMost(DELIVERY).until(() -> (Long) jmx.getAttribute(block, "Processed") == accepted.size());
        assertEquals(0L, jmx.getAttribute(block, "Failures"));
        report(String.format("overflow=block: %d accepted, 1 refused after waiting; %d attempts of the held batch%n",
                accepted.size(), Received.BLOCKED_ATTEMPTS.size()));
    }

    private Void push(AtomicReference<Thread> thread, String item) {
        thread.set(Thread.currentThread());
        try (BufferConnection connection = buffers.getConnection()) {
            connection.push("ov-block", item);
        }
        return null;
    }

    private static boolean waiting(Thread thread) {
        return thread != null && (thread.getState() == Thread.State.TIMED_WAITING
                || thread.getState() == Thread.State.WAITING);
    }

    private static void report(String line) throws Exception {
        Path file = Path.of(ConfigProvider.getConfig().getValue("it.overload.report", String.class));
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
