package org.partitionedbuffer.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import javax.management.MBeanServer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.it.app.Buffers;
import org.partitionedbuffer.it.failure.Calls;
import org.partitionedbuffer.it.failure.Calls.Call;
import org.partitionedbuffer.it.failure.RetryingBean;

/**
 * A message-driven bean that throws: its batch is redelivered (attempt 2, 3) after the backoff and before any later
 * batch of the partition; a batch that fails every attempt goes to the dead-letter buffer's own bean (or, without one,
 * is dropped and counted). Every item is accounted for: accepted = delivered + dead-lettered (or dropped).
 */
@ExtendWith(ArquillianExtension.class)
class FailureRedeliveryIT {

    private static final Duration DELIVERY = Duration.ofSeconds(20);

    @Deployment
    static WebArchive application() {
        return TestArchives.war("failure-it", "", Buffers.class).addPackage(RetryingBean.class.getPackage());
    }

    @Resource(lookup = Buffers.JNDI)
    private BufferConnectionFactory buffers;

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    /** Five items of batch {@code index}; the prefix tells the bean how often to fail it. */
    private static List<String> batch(String prefix, int index) {
        return IntStream.range(0, 5).mapToObj(j -> prefix + "-" + index + "-" + j).toList();
    }

    private static String expected(List<Call> calls) {
        return String.join(" ", calls.stream().map(c -> c.first() + "#" + c.attempt() + (c.threw() ? "!" : "")).toList());
    }

    @Test
    void failingBatchesAreRetriedInOrderAndTheOneFailingEveryAttemptReachesTheDeadLetterBean() throws Exception {
        List<List<String>> batches = List.of(batch("ok", 0), batch("once", 1), batch("ok", 2), batch("twice", 3),
                batch("always", 4), batch("ok", 5));
        try (BufferConnection connection = buffers.getConnection()) {
            // The interval is 10 minutes: the 30 items form one drain at the flush, so batch boundaries are fixed.
            batches.forEach(items -> items.forEach(item -> connection.push("fr-work", item)));
            assertEquals(30L, connection.size("fr-work"));
        }
        jmx.invoke(BufferMBeanNames.of("fr-work"), "flush", null, null);

        await().atMost(DELIVERY).until(() -> Calls.of("fr-work").size() >= 11
                && Calls.of("fr-dead").stream().mapToInt(c -> c.items().size()).sum() >= 5
                && (Long) jmx.getAttribute(BufferMBeanNames.of("fr-work"), "Failures") >= 1);

        List<Call> calls = Calls.of("fr-work");
        // Each failed batch comes back, attempt after attempt, before the next batch of the partition starts.
        assertEquals("ok-0-0#1 once-1-0#1! once-1-0#2 ok-2-0#1 twice-3-0#1! twice-3-0#2! twice-3-0#3"
                + " always-4-0#1! always-4-0#2! always-4-0#3! ok-5-0#1", expected(calls));
        for (Call call : calls) {
            List<String> whole = batches.stream().filter(b -> b.get(0).equals(call.first())).findFirst().orElseThrow();
            assertEquals(whole, call.items(), "every attempt carries the whole batch, in push order");
        }

        List<Object> delivered = new ArrayList<>();
        calls.stream().filter(call -> !call.threw()).forEach(call -> delivered.addAll(call.items()));
        List<Object> deadLettered = new ArrayList<>();
        Calls.of("fr-dead").forEach(call -> deadLettered.addAll(call.items()));
        List<Object> expectedDelivered = new ArrayList<>();
        List.of(0, 1, 2, 3, 5).forEach(i -> expectedDelivered.addAll(batches.get(i)));

        assertEquals(expectedDelivered, delivered, "each item but the always-failing batch, once, in push order");
        assertEquals(new HashSet<>(delivered).size(), delivered.size(), "no duplicates");
        assertEquals(batches.get(4), deadLettered, "the given-up batch, in the dead-letter bean, once");
        long accepted = (Long) jmx.getAttribute(BufferMBeanNames.of("fr-work"), "Inserted");
        assertEquals(30L, accepted);
        assertEquals(accepted, delivered.size() + deadLettered.size(), "accepted = delivered + dead-lettered");
        assertEquals(25L, jmx.getAttribute(BufferMBeanNames.of("fr-work"), "Processed"));
        assertEquals(1L, jmx.getAttribute(BufferMBeanNames.of("fr-work"), "Failures"), "the given-up batch");
        assertEquals(0L, jmx.getAttribute(BufferMBeanNames.of("fr-work"), "Size"));
        assertEquals(5L, jmx.getAttribute(BufferMBeanNames.of("fr-dead"), "Inserted"));
        await().atMost(DELIVERY).until(() -> (Long) jmx.getAttribute(BufferMBeanNames.of("fr-dead"), "Processed") == 5L);
        assertEquals(0L, jmx.getAttribute(BufferMBeanNames.of("fr-dead"), "Failures"));
    }

    @Test
    void withoutRetriesOrADeadLetterBufferAFailingBatchIsDroppedAndCountedAndLaterBatchesStillArrive()
            throws Exception {
        List<List<String>> batches = List.of(batch("ok", 10), batch("always", 11), batch("ok", 12));
        try (BufferConnection connection = buffers.getConnection()) {
            batches.forEach(items -> connection.pushAll("fr-drop", items));
        }
        jmx.invoke(BufferMBeanNames.of("fr-drop"), "flush", null, null);

        await().atMost(DELIVERY).until(() -> Calls.of("fr-drop").size() >= 3
                && (Long) jmx.getAttribute(BufferMBeanNames.of("fr-drop"), "Failures") >= 1);

        List<Call> calls = Calls.of("fr-drop");
        assertEquals("ok-10-0#1 always-11-0#1! ok-12-0#1", expected(calls));
        assertEquals(15L, jmx.getAttribute(BufferMBeanNames.of("fr-drop"), "Inserted"));
        assertEquals(10L, jmx.getAttribute(BufferMBeanNames.of("fr-drop"), "Processed"));
        assertEquals(1L, jmx.getAttribute(BufferMBeanNames.of("fr-drop"), "Failures"));
        assertEquals(0L, jmx.getAttribute(BufferMBeanNames.of("fr-drop"), "Size"));
        assertTrue(Calls.of("fr-dead").stream().flatMap(c -> c.items().stream())
                .noneMatch(item -> String.valueOf(item).startsWith("always-11")), "fr-drop has no dead-letter buffer");
    }
}
