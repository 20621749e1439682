package org.partitionedbuffer.portable.wildfly;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.partitionedbuffer.portable.DeliveredItems.exactlyOnceProblems;
import static org.partitionedbuffer.portable.DeliveredItems.ids;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.portable.AppClient;
import org.partitionedbuffer.portable.DeliveredItems;
import org.partitionedbuffer.portable.TestApplication;
import org.partitionedbuffer.portable.app.DeliveryLog;
import org.partitionedbuffer.portable.app.SlowBean;

/**
 * WildFly's other ways to stop, beyond the portable suite's CLI {@code shutdown}, each with items pending in a
 * 10-minute buffer: {@code :suspend} deactivates the beans (they get the items first), {@code :resume} activates
 * them again and delivery goes on, and SIGTERM (what a service manager or Ctrl-C sends) stops the server. Every item is
 * delivered exactly once. A report goes to target/wildfly-stops-report.txt.
 */
class WildFlyStopIT {

    private static final Path TARGET = Path.of(System.getProperty("it.target", "target"));
    private static final Path RAR = Path.of(System.getProperty("it.rar", "target/partitioned-buffer.rar"));
    private static final Path HOME = Path.of(System.getProperty("it.wildflyHome", "target/wildfly"));
    private static final int ITEMS = 2_000;

    @Test
    void suspendDeliversResumeActivatesAgainAndSigtermDeliversWhatIsPending() throws Exception {
        Path report = TARGET.resolve("wildfly-stops-report.txt");
        Files.deleteIfExists(report);
        Path log = TARGET.resolve("wildfly-stops-delivered.txt");
        Files.deleteIfExists(log);
        DeliveredItems delivered = new DeliveredItems(log);
        Path stops = Files.createDirectories(TARGET.resolve("stops"));
        try (WildFlyServer server = WildFlyServer.create(HOME, stops)) {
            server.startWithAdapter(RAR, Map.of(DeliveryLog.PROPERTY, log.toAbsolutePath().toString()));
            server.deploy(TestApplication.exportTo(stops));
            AppClient app = new AppClient(server);

            app.post("/push?buffer=" + SlowBean.BUFFER + "&from=0&count=" + ITEMS + "&prefix=a");
            server.cliOrFail(":suspend");
            assertEquals("", exactlyOnceProblems(delivered.of(SlowBean.BUFFER), ids("a", 0, ITEMS)),
                    "the items pending when the server suspends reach the bean before :suspend returns");
            note(report, ITEMS + " items pending at :suspend: all delivered before it returned");

            server.cliOrFail(":resume");
            app.post("/push?buffer=" + SlowBean.BUFFER + "&from=0&count=" + ITEMS + "&prefix=b");
            app.post("/interval?buffer=" + SlowBean.BUFFER + "&ms=100");
            await().atMost(Duration.ofSeconds(60)).until(() -> delivered.of(SlowBean.BUFFER, "b-").size() >= ITEMS);
            note(report, ":resume activated the bean again: " + ITEMS + " items pushed after it delivered");

            app.post("/interval?buffer=" + SlowBean.BUFFER + "&ms=600000");
            app.post("/push?buffer=" + SlowBean.BUFFER + "&from=0&count=" + ITEMS + "&prefix=c");
            Duration stop = server.terminate();
            String problems = exactlyOnceProblems(delivered.of(SlowBean.BUFFER, "c-"), ids("c", 0, ITEMS));
            note(report, ITEMS + " items pending at SIGTERM; the process ended after " + stop.toMillis() + " ms; "
                    + (problems.isEmpty() ? "all delivered exactly once" : problems));
            note(report, "the adapter's lines:\n" + server.log().lines()
                    .filter(line -> line.contains("partitionedbuffer")).reduce("", (a, b) -> a + b + "\n"));
            assertEquals("", problems, "items pending at SIGTERM; see " + report);
            assertEquals("", exactlyOnceProblems(delivered.of(SlowBean.BUFFER, "b-"), ids("b", 0, ITEMS)));
        }
    }

    private static void note(Path report, String line) throws java.io.IOException {
        System.out.println("[wildfly-stops] " + line);
        Files.writeString(report, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
