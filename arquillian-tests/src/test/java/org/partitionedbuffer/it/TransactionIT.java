package org.partitionedbuffer.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.management.MBeanServer;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.api.BufferFullException;
import org.partitionedbuffer.it.app.Buffers;
import org.partitionedbuffer.it.transaction.CdiTxPusher;
import org.partitionedbuffer.it.transaction.Received;
import org.partitionedbuffer.it.transaction.Rows;
import org.partitionedbuffer.it.transaction.TxPusher;
import org.partitionedbuffer.it.transaction.TxPusher.PlannedFailure;

/**
 * Inserts made inside a JTA transaction follow it, in Payara Micro (issue 13): delivered only after the commit, never
 * after a rollback, whether the transaction is a UserTransaction, a session bean's or a CDI {@code @Transactional}
 * method's; together with an XA and a non-XA datasource (both or neither); a commit that finds the buffer full rolls
 * back; REQUIRES_NEW commits on its own; a handle taken before the transaction follows it; {@code transactional=false}
 * does not; a transaction marked for rollback refuses. Each scenario has its own buffer ({@code tx-*}, one partition,
 * drained every 100 ms unless said otherwise). "Nothing delivered" is shown by several drains passing with nothing
 * new, then a marker pushed outside any transaction arriving: the partition drained past where the items would be.
 * Every item is accounted for: the listener's whole list is compared, and the buffer's Inserted count.
 */
@ExtendWith(ArquillianExtension.class)
class TransactionIT {

    private static final Duration DELIVERY = Duration.ofSeconds(20);
    /** Six drains of a 100 ms buffer. */
    private static final Duration TICKS = Duration.ofMillis(600);
    private static final String REPORT = "it.transaction.report";

    @Deployment
    static WebArchive application() throws Exception {
        File report = new File(System.getProperty("it.target"), "transaction-report.txt");
        Files.deleteIfExists(report.toPath());
        return TestArchives.war("transaction-it", REPORT + "=" + report.getAbsolutePath() + "\n", Buffers.class)
                .addPackage(Received.class.getPackage());
    }

    @Resource(lookup = Buffers.JNDI)
    private BufferConnectionFactory buffers;

    @Resource(lookup = "java:comp/UserTransaction")
    private UserTransaction transaction;

    @Resource
    private ManagedExecutorService executor;

    @Resource(lookup = Rows.XA)
    private DataSource xaRows;

    @Resource(lookup = Rows.LOCAL)
    private DataSource localRows;

    @Resource(lookup = Rows.OTHER_LOCAL)
    private DataSource otherLocalRows;

    @Inject
    private TxPusher pusher;

    @Inject
    private CdiTxPusher cdiPusher;

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    /** A failed assertion inside a transaction must not leave it on the (pooled) request thread. */
    @AfterEach
    void endTransaction() throws Exception {
        if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
            transaction.rollback();
        }
    }

    @Test
    void aUserTransactionDeliversItsPushesOnlyAfterItCommitsAndNothingWhenItRollsBack() throws Exception {
        String buffer = "tx-ut";
        List<String> committed = items("ut-commit", 5);
        transaction.begin();
        try (BufferConnection connection = buffers.getConnection()) {
            connection.push(buffer, committed.get(0));
            connection.pushAll(buffer, committed.subList(1, 5));
            assertEquals(0L, connection.size(buffer), "size counts committed items only, even inside the transaction");
            assertNothingNewFor(buffer, TICKS);
            transaction.commit();
        }
        await().atMost(DELIVERY).until(() -> Received.items(buffer).size() >= committed.size());
        assertEquals(committed, Received.items(buffer), "every committed item once, in call order");

        List<String> rolledBack = items("ut-rollback", 5);
        transaction.begin();
        try (BufferConnection connection = buffers.getConnection()) {
            connection.push(buffer, rolledBack.get(0));
            connection.pushAll(buffer, rolledBack.subList(1, 5));
        } finally {
            transaction.rollback();
        }
        assertNothingMoreArrives(buffer, "ut-marker");
        assertEquals(concat(committed, List.of("ut-marker")), Received.items(buffer));
        assertEquals(6L, attribute(buffer, "Inserted"), "the 5 committed items and the marker");
    }

    @Test
    void aTransactionHeldOpenAcrossSeveralDrainsDeliversNothingBeforeItsCommitAndEverythingAfter() throws Exception {
        String buffer = "tx-open";
        List<String> staged = items("open", 6);
        transaction.begin();
        try (BufferConnection connection = buffers.getConnection()) {
            connection.pushAll(buffer, staged.subList(0, 3));
            // Another thread, outside any transaction, pushes meanwhile: its item is drained, the staged ones are not.
            pushOutsideAnyTransaction(buffer, "open-outside-1");
            await().atMost(DELIVERY).until(() -> Received.items(buffer).contains("open-outside-1"));
            assertNothingNewFor(buffer, TICKS);
            connection.pushAll(buffer, staged.subList(3, 6));
            pushOutsideAnyTransaction(buffer, "open-outside-2");
            await().atMost(DELIVERY).until(() -> Received.items(buffer).contains("open-outside-2"));
            assertNothingNewFor(buffer, TICKS);
            assertEquals(List.of("open-outside-1", "open-outside-2"), Received.items(buffer),
                    "only what was pushed outside the transaction, across " + 2 * TICKS.toMillis() + " ms of drains");
            assertEquals(0L, connection.size(buffer));
            transaction.commit();
        }
        await().atMost(DELIVERY).until(() -> Received.items(buffer).size() >= 8);
        assertEquals(concat(List.of("open-outside-1", "open-outside-2"), staged), Received.items(buffer),
                "the transaction's items together, in call order, after what others inserted meanwhile");
        assertEquals(8L, attribute(buffer, "Inserted"));
    }

    @Test
    void aRequiredSessionBeanMethodDeliversWhenItReturnsAndNothingWhenItThrowsASystemException() throws Exception {
        String buffer = "tx-ejb";
        List<String> committed = items("ejb-commit", 4);
        pusher.pushThen(buffer, committed, () -> assertNothingNewFor(buffer, TICKS));
        await().atMost(DELIVERY).until(() -> Received.items(buffer).size() >= committed.size());
        assertEquals(committed, Received.items(buffer));

        List<String> failed = items("ejb-fail", 4);
        EJBException thrown = assertThrows(EJBException.class, () -> pusher.pushAndFail(buffer, failed));
        assertTrue(find(thrown, PlannedFailure.class) != null, describe(thrown));
        report("REQUIRED session bean method throwing a RuntimeException, caller outside a transaction:\n"
                + describe(thrown));
        assertNothingMoreArrives(buffer, "ejb-marker");
        assertEquals(concat(committed, List.of("ejb-marker")), Received.items(buffer));
        assertEquals(5L, attribute(buffer, "Inserted"));
    }

    @Test
    void aTransactionalCdiMethodDeliversWhenItReturnsAndNothingWhenItThrowsARuntimeException() throws Exception {
        String buffer = "tx-cdi";
        List<String> committed = items("cdi-commit", 4);
        cdiPusher.pushThen(buffer, committed, () -> assertNothingNewFor(buffer, TICKS));
        await().atMost(DELIVERY).until(() -> Received.items(buffer).size() >= committed.size());
        assertEquals(committed, Received.items(buffer));

        List<String> failed = items("cdi-fail", 4);
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> cdiPusher.pushAndFail(buffer, failed));
        assertTrue(find(thrown, PlannedFailure.class) != null, describe(thrown));
        report("CDI @Transactional method throwing a RuntimeException:\n" + describe(thrown));
        assertNothingMoreArrives(buffer, "cdi-marker");
        assertEquals(concat(committed, List.of("cdi-marker")), Received.items(buffer));
        assertEquals(5L, attribute(buffer, "Inserted"));
    }

    @Test
    void anXaDatasourceAndTheBufferInOneTransactionCommitBothOrNeitherAndTheListenerFindsEveryRow() throws Exception {
        rowsAndItemsTogether(xaRows, "tx-xa", "xa");
    }

    @Test
    void aNonXaDatasourceAndTheBufferInOneTransactionCommitBothOrNeitherAndTheListenerFindsEveryRow()
            throws Exception {
        rowsAndItemsTogether(localRows, "tx-local", "local");
    }

    /**
     * What the two scenarios above rest on: the H2 XA datasource joins a transaction as an XA resource (beside the
     * driver-based one), and the driver-based datasource as the one non-XA resource a transaction may have (a second
     * one is refused).
     */
    @Test
    void theXaDatasourceJoinsAsAnXaResourceAndTheDriverBasedOneAsTheSingleNonXaResource() throws Exception {
        transaction.begin();
        try {
            try (Connection local = localRows.getConnection(); Connection xa = xaRows.getConnection()) {
                assertTrue(local.isValid(5) && xa.isValid(5));
            }
            SQLException refused = assertThrows(SQLException.class, () -> {
                try (Connection other = otherLocalRows.getConnection()) {
                    other.isValid(5);
                }
            });
            report("A second driver-based (non-XA) datasource in a transaction that has one:\n" + describe(refused));
            assertTrue(describe(refused).contains("non-XA"), describe(refused));
        } finally {
            transaction.rollback();
        }
    }

    /**
     * In one transaction, a row per item through {@code rows} and the item pushed: a commit gives every row and every
     * item (and the listener, looking each item's row up on receipt, finds it); a rollback gives neither.
     */
    private void rowsAndItemsTogether(DataSource rows, String buffer, String prefix) throws Exception {
        Rows.createTable(rows);
        List<String> committed = items(prefix + "-commit", 5);
        transaction.begin();
        try (BufferConnection connection = buffers.getConnection()) {
            for (String id : committed) {
                Rows.insert(rows, id);
                connection.push(buffer, id);
            }
            transaction.commit();
        }
        await().atMost(DELIVERY).until(() -> Received.items(buffer).size() >= committed.size());
        assertEquals(committed, Received.items(buffer));
        for (String id : committed) {
            assertTrue(Rows.exists(rows, id), "committed row " + id);
        }

        List<String> rolledBack = items(prefix + "-rollback", 5);
        transaction.begin();
        try (BufferConnection connection = buffers.getConnection()) {
            for (String id : rolledBack) {
                Rows.insert(rows, id);
                connection.push(buffer, id);
            }
            assertTrue(Rows.exists(rows, rolledBack.get(0)), "the transaction sees its own row");
        } finally {
            transaction.rollback();
        }
        for (String id : rolledBack) {
            assertFalse(Rows.exists(rows, id), "rolled-back row " + id);
        }
        String marker = prefix + "-marker";
        Rows.insert(rows, marker); // outside a transaction: committed at once, so the listener finds it too
        assertNothingMoreArrives(buffer, marker);

        List<Object> expected = concat(committed, List.of(marker));
        assertEquals(expected, Received.items(buffer), "no item of the rolled-back transaction");
        assertEquals(expected, Received.lookups(buffer).stream().map(Received.Lookup::item).toList());
        assertTrue(Received.lookups(buffer).stream().allMatch(Received.Lookup::found),
                "the listener found the row of every item it received: " + Received.lookups(buffer));
        assertEquals(6L, attribute(buffer, "Inserted"));
    }

    @Test
    void aCommitThatFindsTheBufferFullRollsBackAndNoneOfItsItemsIsEverDelivered() throws Exception {
        String buffer = "tx-full"; // capacity 5, drained only by flush()
        List<String> staged = items("full-ut", 3);
        List<String> fillers = items("full-filler-ut", 3);
        List<String> warnings = new CopyOnWriteArrayList<>();
        Logger stagedWrites = Logger.getLogger("org.partitionedbuffer.core.StagedWrites");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        stagedWrites.addHandler(capture);
        try {
            // A UserTransaction: 3 staged (room for them now), 3 more inserted by another thread before the commit.
            transaction.begin();
            RollbackException refused;
            try (BufferConnection connection = buffers.getConnection()) {
                staged.forEach(item -> connection.push(buffer, item));
                pushOutsideAnyTransaction(buffer, fillers.toArray(String[]::new));
                assertEquals(3L, attribute(buffer, "Size"));
                refused = assertThrows(RollbackException.class, transaction::commit);
            }
            assertEquals(Status.STATUS_NO_TRANSACTION, transaction.getStatus());
            report("UserTransaction.commit() when the buffer has no room for the transaction's 3 items:\n"
                    + describe(refused));
            assertReasonGiven(refused, warnings, 1);
            assertEquals(3L, attribute(buffer, "Size"), "only the fillers");
            assertEquals(3L, attribute(buffer, "Inserted"));
            assertEquals(3L, attribute(buffer, "Rejected"), "the transaction's 3 items, refused at its commit");

            jmx.invoke(BufferMBeanNames.of(buffer), "flush", null, null);
            await().atMost(DELIVERY).until(() -> Received.items(buffer).size() >= 3);
            assertEquals(fillers, Received.items(buffer));

            // The same with a REQUIRED session bean method: the container's commit, when the method returns, fails.
            List<String> stagedByBean = items("full-ejb", 3);
            List<String> fillersForBean = items("full-filler-ejb", 3);
            EJBException thrown = assertThrows(EJBException.class, () -> pusher.pushThen(buffer, stagedByBean,
                    () -> pushOutsideAnyTransaction(buffer, fillersForBean.toArray(String[]::new))));
            report("REQUIRED session bean method whose container commit finds no room, caller outside a"
                    + " transaction:\n" + describe(thrown));
            assertReasonGiven(thrown, warnings, 2);
            assertEquals(6L, attribute(buffer, "Inserted"));
            assertEquals(6L, attribute(buffer, "Rejected"));

            jmx.invoke(BufferMBeanNames.of(buffer), "flush", null, null);
            await().atMost(DELIVERY).until(() -> Received.items(buffer).size() >= 6);
            assertEquals(concat(fillers, fillersForBean), Received.items(buffer),
                    "the fillers; none of either transaction's items");
            assertEquals(0L, attribute(buffer, "Size"));
            assertEquals(6L, attribute(buffer, "Processed"));
        } finally {
            stagedWrites.removeHandler(capture);
        }
    }

    /**
     * The reason for the rollback: the engine's BufferFullException, which Payara chains as the cause of the
     * RollbackException (Payara 6.2025.10), and the engine's warning (the {@code count}th captured).
     */
    private void assertReasonGiven(Throwable thrown, List<String> warnings, int count) throws Exception {
        assertEquals(count, warnings.size(), "one warning per refused commit: " + warnings);
        String warning = warnings.get(count - 1);
        assertTrue(warning.contains("'tx-full'") && warning.contains("the transaction is rolled back"), warning);
        report("  the engine's warning: " + warning);
        RollbackException rollback = find(thrown, RollbackException.class);
        BufferFullException reason = find(thrown, BufferFullException.class);
        assertTrue(rollback != null && reason != null && rollback.getCause() == reason, describe(thrown));
        assertTrue(reason.getMessage().contains("'tx-full'")
                && reason.getMessage().contains("the transaction is rolled back"), reason.getMessage());
    }

    @Test
    void aRequiresNewMethodCommitsItsPushesEvenWhenTheOuterTransactionRollsBack() throws Exception {
        String buffer = "tx-new";
        List<String> inner = items("new-inner-ut", 3);
        transaction.begin();
        try (BufferConnection connection = buffers.getConnection()) {
            connection.push(buffer, "new-outer-ut-0");
            pusher.pushInNewTransaction(buffer, inner);
            // Delivered while the outer transaction is still open.
            await().atMost(DELIVERY).until(() -> Received.items(buffer).size() >= inner.size());
            assertEquals(inner, Received.items(buffer));
            connection.push(buffer, "new-outer-ut-1");
        } finally {
            transaction.rollback();
        }

        List<String> innerOfBean = items("new-inner-ejb", 3);
        EJBException thrown = assertThrows(EJBException.class,
                () -> pusher.pushOuterAndInnerThenFail(buffer, items("new-outer-ejb", 3), innerOfBean));
        assertTrue(find(thrown, PlannedFailure.class) != null, describe(thrown));
        // The inner transaction committed when its method returned: its items arrive at the next drain.
        await().atMost(DELIVERY).until(() -> Received.items(buffer).containsAll(innerOfBean));
        assertNothingMoreArrives(buffer, "new-marker");
        assertEquals(concat(inner, innerOfBean, List.of("new-marker")), Received.items(buffer),
                "the inner transactions' items; none of the outer ones'");
        assertEquals(7L, attribute(buffer, "Inserted"));
    }

    @Test
    void aHandleTakenBeforeTheTransactionBeganFollowsIt() throws Exception {
        String buffer = "tx-early";
        List<String> rolledBack = items("early-rollback", 3);
        List<String> committed = items("early-commit", 3);
        try (BufferConnection early = buffers.getConnection()) {
            transaction.begin();
            try {
                early.pushAll(buffer, rolledBack);
            } finally {
                transaction.rollback();
            }
            transaction.begin();
            try {
                committed.forEach(item -> early.push(buffer, item));
                assertNothingNewFor(buffer, TICKS);
                transaction.commit();
            } finally {
                if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                    transaction.rollback();
                }
            }
            await().atMost(DELIVERY).until(() -> Received.items(buffer).size() >= committed.size());
            assertEquals(committed, Received.items(buffer), "none of the rolled-back items before the committed ones");
        }
        assertNothingMoreArrives(buffer, "early-marker");
        assertEquals(concat(committed, List.of("early-marker")), Received.items(buffer));
        assertEquals(4L, attribute(buffer, "Inserted"));
    }

    @Test
    void withTransactionalFalseAPushInsideARolledBackTransactionIsDeliveredAtOnce() throws Exception {
        String buffer = "tx-off"; // transactional=false in its listener's activation properties
        List<String> pushed = items("off", 3);
        transaction.begin();
        try (BufferConnection connection = buffers.getConnection()) {
            connection.push(buffer, pushed.get(0));
            connection.pushAll(buffer, pushed.subList(1, 3));
            // Delivered while the transaction is still open: it does not wait for it.
            await().atMost(DELIVERY).until(() -> Received.items(buffer).size() >= pushed.size());
        } finally {
            transaction.rollback();
        }
        assertNothingMoreArrives(buffer, "off-marker");
        assertEquals(concat(pushed, List.of("off-marker")), Received.items(buffer));
        assertEquals(4L, attribute(buffer, "Inserted"));
    }

    @Test
    void aPushInATransactionMarkedForRollbackIsRefused() throws Exception {
        String buffer = "tx-doomed";
        transaction.begin();
        try (BufferConnection connection = buffers.getConnection()) {
            transaction.setRollbackOnly();
            BufferException push = assertThrows(BufferException.class, () -> connection.push(buffer, "doomed-ut-0"));
            assertTrue(push.getMessage().contains("marked for rollback"), push.getMessage());
            BufferException pushAll = assertThrows(BufferException.class,
                    () -> connection.pushAll(buffer, List.of("doomed-ut-1", "doomed-ut-2")));
            assertTrue(pushAll.getMessage().contains("marked for rollback"), pushAll.getMessage());
        } finally {
            transaction.rollback();
        }

        EJBException thrown = assertThrows(EJBException.class,
                () -> pusher.markRollbackOnlyThenPush(buffer, "doomed-ejb-0"));
        BufferException refused = find(thrown, BufferException.class);
        assertTrue(refused != null && refused.getMessage().contains("marked for rollback"), describe(thrown));
        report("SessionContext.setRollbackOnly() then push, in a REQUIRED session bean method:\n" + describe(thrown));

        assertNothingMoreArrives(buffer, "doomed-marker");
        assertEquals(List.of("doomed-marker"), Received.items(buffer));
        assertEquals(1L, attribute(buffer, "Inserted"));
    }

    /** {@code prefix-0}, {@code prefix-1}, ... */
    private static List<String> items(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
    }

    private static List<Object> concat(List<?>... lists) {
        return Stream.of(lists).flatMap(List::stream).map(Object.class::cast).toList();
    }

    private long attribute(String buffer, String name) throws Exception {
        return (Long) jmx.getAttribute(BufferMBeanNames.of(buffer), name);
    }

    /** Pushes {@code items} from a container thread that has no transaction, and waits until it has. */
    private void pushOutsideAnyTransaction(String buffer, String... items) {
        try {
            executor.submit(() -> {
                try (BufferConnection connection = buffers.getConnection()) {
                    for (String item : items) {
                        connection.push(buffer, item);
                    }
                }
                return null;
            }).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not push " + List.of(items) + " outside a transaction", e);
        }
    }

    /** For {@code period} (several drains), the listener of {@code buffer} receives nothing new. */
    private static void assertNothingNewFor(String buffer, Duration period) {
        int before = Received.items(buffer).size();
        await(buffer + ": no new item for " + period.toMillis() + " ms after the " + before + " delivered")
                .during(period).atMost(period.plusSeconds(5))
                .until(() -> Received.items(buffer).size() == before);
    }

    /**
     * Several drains pass with nothing new delivered; then {@code marker}, pushed outside any transaction, arrives:
     * whatever a transaction would have put before it was drained by then.
     */
    private void assertNothingMoreArrives(String buffer, String marker) {
        assertNothingNewFor(buffer, TICKS);
        try (BufferConnection connection = buffers.getConnection()) {
            connection.push(buffer, marker);
        }
        await().atMost(DELIVERY).until(() -> Received.items(buffer).contains(marker));
    }

    /** The first throwable of {@code type} in the cause chain of {@code thrown} (itself included), or null. */
    private static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = thrown; t != null && seen.add(t); t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The cause chain of {@code thrown}, one {@code type: message} line per throwable (suppressed ones marked). */
    private static String describe(Throwable thrown) {
        List<String> lines = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = thrown; t != null && seen.add(t); t = t.getCause()) {
            lines.add("  " + t.getClass().getName() + ": " + t.getMessage());
            for (Throwable suppressed : t.getSuppressed()) {
                lines.add("    suppressed " + suppressed.getClass().getName() + ": " + suppressed.getMessage());
            }
        }
        return String.join("\n", lines);
    }

    private static void report(String text) throws Exception {
        Logger.getLogger(TransactionIT.class.getName()).info(text);
        Path file = Path.of(ConfigProvider.getConfig().getValue(REPORT, String.class));
        Files.writeString(file, text + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
