package org.partitionedbuffer.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.annotation.Resource;
import jakarta.transaction.Status;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.it.app.Buffers;
import org.partitionedbuffer.it.itemfailure.Attempts;
import org.partitionedbuffer.it.itemfailure.Attempts.Attempt;
import org.partitionedbuffer.it.itemfailure.ItemRows;

/**
 * One bad item does not condemn its batch, in Payara Micro (issue 14): a message-driven bean writes each item as a row
 * of an H2 XA datasource inside its container-managed transaction and marks with {@code Batch.failItem} the items whose
 * row the database refused (a CHECK constraint refuses every {@code bad} item). The healthy items' rows commit; the
 * marked items come back alone, after the backoff and before the partition's next batch, then go to the dead-letter
 * buffer's bean; with {@code nonRetryable} naming the refusal's class, a refused item goes there after its first
 * attempt while a transient failure of the same batch is still retried. JMX counts every item once:
 * Processed + DeadLettered + Dropped = Inserted.
 */
@ExtendWith(ArquillianExtension.class)
class ItemFailureIT {

    private static final Duration DELIVERY = Duration.ofSeconds(20);

    @Deployment
    static WebArchive application() {
        return TestArchives.war("item-failure-it", "", Buffers.class).addPackage(ItemRows.class.getPackage());
    }

    @Resource(lookup = Buffers.JNDI)
    private BufferConnectionFactory buffers;

    @Resource(lookup = ItemRows.JNDI)
    private DataSource rows;

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    @BeforeEach
    void table() throws Exception {
        ItemRows.createTable(rows);
    }

    @Test
    void healthyItemsCommitAndTheRefusedOnesAreRedeliveredAloneBeforeTheNextBatchThenDeadLettered() throws Exception {
        List<String> first = List.of("w-ok-1", "w-bad-2", "w-ok-3", "w-flaky-4", "w-ok-5", "w-bad-6", "w-ok-7",
                "w-ok-8");
        List<String> second = List.of("w-ok-9", "w-ok-10", "w-ok-11", "w-ok-12");
        push("if-work", first, second);

        await().atMost(DELIVERY).until(() -> Attempts.of("if-work").size() >= 4
                && deadLettered("w-").size() >= 2 && counter("if-work", "DeadLettered") >= 2);

        // Batches of 8: the first holds two refused items and a flaky one. The three marked come back together,
        // then the two the database keeps refusing, and only then the partition's next batch.
        assertEquals(List.of(
                first + "#1 marked [1:23513, 3:08000, 5:23513]",
                "[w-bad-2, w-flaky-4, w-bad-6]#2 marked [0:23513, 2:23513]",
                "[w-bad-2, w-bad-6]#3 marked [0:23513, 1:23513]",
                second + "#1 marked []"), strings(Attempts.of("if-work")));
        assertInTransaction("if-work");
        assertEquals(sorted("w-ok-1", "w-ok-3", "w-flaky-4", "w-ok-5", "w-ok-7", "w-ok-8", "w-ok-9", "w-ok-10",
                "w-ok-11", "w-ok-12"), ItemRows.of(rows, "if-work"), "the healthy rows committed, the flaky on retry");
        assertEquals(List.of("w-bad-2", "w-bad-6"), deadLettered("w-"), "the refused items alone, once");

        assertCounts("if-work", 12, 10, 2);
        assertEquals(3L + 2 + 2, counter("if-work", "ItemsMarkedFailed"), "counted at each attempt");
    }

    @Test
    void aNonRetryableRefusalIsDeadLetteredAfterTheFirstAttemptWhileATransientFailureIsRetried() throws Exception {
        push("if-fatal", List.of("f-ok-1", "f-bad-2", "f-flaky-3", "f-ok-4"));

        await().atMost(DELIVERY).until(() -> Attempts.of("if-fatal").size() >= 2
                && !deadLettered("f-").isEmpty() && counter("if-fatal", "Processed") >= 3);

        assertEquals(List.of(
                "[f-ok-1, f-bad-2, f-flaky-3, f-ok-4]#1 marked [1:23513, 2:08000]",
                "[f-flaky-3]#2 marked []"), strings(Attempts.of("if-fatal")),
                "the refused item is never delivered again; the flaky one is, alone");
        assertInTransaction("if-fatal");
        assertEquals(sorted("f-ok-1", "f-flaky-3", "f-ok-4"), ItemRows.of(rows, "if-fatal"));
        assertEquals(List.of("f-bad-2"), deadLettered("f-"));

        assertCounts("if-fatal", 4, 3, 1);
        assertEquals(2L, counter("if-fatal", "ItemsMarkedFailed"));
    }

    /** Pushes the batches in order, one partition, then flushes: batch boundaries are fixed by the batch size. */
    @SafeVarargs
    private void push(String buffer, List<String>... batches) throws Exception {
        try (BufferConnection connection = buffers.getConnection()) {
            for (List<String> items : batches) {
                connection.pushAll(buffer, items);
            }
        }
        jmx.invoke(name(buffer), "flush", null, null);
    }

    /** Inserted, Processed and DeadLettered as given, nothing dropped or pending, and they add up. */
    private void assertCounts(String buffer, long inserted, long processed, long deadLettered) throws Exception {
        await().atMost(DELIVERY).until(() -> counter(buffer, "Processed") + counter(buffer, "DeadLettered")
                + counter(buffer, "Dropped") >= inserted);
        assertEquals(inserted, counter(buffer, "Inserted"));
        assertEquals(processed, counter(buffer, "Processed"));
        assertEquals(deadLettered, counter(buffer, "DeadLettered"));
        assertEquals(0L, counter(buffer, "Dropped"));
        assertEquals(0L, counter(buffer, "Size"));
        assertEquals(counter(buffer, "Inserted"),
                counter(buffer, "Processed") + counter(buffer, "DeadLettered") + counter(buffer, "Dropped"),
                "Processed + DeadLettered + Dropped = Inserted");
    }

    /** Every call ran inside an active container-managed transaction, the one the rows committed with. */
    private static void assertInTransaction(String buffer) {
        for (Attempt attempt : Attempts.of(buffer)) {
            assertEquals(Status.STATUS_ACTIVE, attempt.transactionStatus(), attempt.toString());
        }
    }

    /** The items the dead-letter bean received whose names start with {@code prefix}, in arrival order. */
    private static List<Object> deadLettered(String prefix) {
        List<Object> items = new ArrayList<>();
        Attempts.of("if-dead").forEach(call -> call.items().stream()
                .filter(item -> String.valueOf(item).startsWith(prefix)).forEach(items::add));
        return items;
    }

    private long counter(String buffer, String attribute) throws Exception {
        return (Long) jmx.getAttribute(name(buffer), attribute);
    }

    private static ObjectName name(String buffer) {
        return BufferMBeanNames.of(buffer);
    }

    private static List<String> strings(List<Attempt> attempts) {
        return attempts.stream().map(Attempt::toString).toList();
    }

    private static List<String> sorted(String... ids) {
        return Stream.of(ids).sorted().toList();
    }
}
