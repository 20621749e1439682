package org.partitionedbuffer.portable.liberty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.partitionedbuffer.portable.DeliveredItems.ids;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.portable.AppClient;
import org.partitionedbuffer.portable.DeliveredItems;
import org.partitionedbuffer.portable.TestApplication;
import org.partitionedbuffer.portable.app.DeliveryLog;
import org.partitionedbuffer.portable.app.SlowBean;

/**
 * A bare {@code server stop} on Open Liberty 25.0.0.11, without the flush the README asks for: the server pauses the
 * beans while it deactivates them, so the adapter delivers what it can then (all, some or none: it is a race) and
 * what remains is not dropped silently: the adapter's stop line counts it and says what to do. Delivered plus counted
 * is exactly what was pending, and nothing is delivered twice. The report is target/liberty-stop-report.txt.
 */
class LibertyStopIT {

    private static final Path TARGET = Path.of(System.getProperty("it.target", "target"));
    private static final Path RAR = Path.of(System.getProperty("it.rar", "target/partitioned-buffer.rar"));
    private static final Path HOME = Path.of(System.getProperty("it.libertyHome", "target/wlp"));
    private static final int ITEMS = 3_000;
    /** "... stopped; 1 buffer(s) holding N pending item(s) (slow: N) stay in memory ...". */
    private static final Pattern HELD = Pattern.compile("stopped; \\d+ buffer\\(s\\) holding (\\d+) pending item");

    @Test
    void aBareStopDeliversWhatItCanAndCountsTheRestInItsLog() throws Exception {
        Path log = TARGET.resolve("liberty-stop-delivered.txt");
        Files.deleteIfExists(log);
        DeliveredItems delivered = new DeliveredItems(log);
        Path directory = Files.createDirectories(TARGET.resolve("liberty-stop"));
        String serverLog;
        Duration stop;
        try (LibertyServer server = LibertyServer.create(HOME, directory)) {
            server.startWithAdapter(RAR, Map.of(DeliveryLog.PROPERTY, log.toAbsolutePath().toString()));
            server.deploy(TestApplication.exportTo(directory));
            new AppClient(server).post("/push?buffer=" + SlowBean.BUFFER + "&from=0&count=" + ITEMS);
            stop = server.stopCommand();
            serverLog = server.log();
        }
        List<String> got = delivered.of(SlowBean.BUFFER);
        assertEquals(got.size(), new HashSet<>(got).size(), "nothing delivered twice");
        assertTrue(ids("i", 0, ITEMS).containsAll(got));
        Matcher held = HELD.matcher(serverLog);
        long counted = held.find() ? Long.parseLong(held.group(1)) : 0;
        String line = serverLog.lines().filter(l -> l.contains("Partitioned Buffer adapter stopped")).findFirst()
                .orElse("(no stop line)");
        Files.writeString(TARGET.resolve("liberty-stop-report.txt"), ITEMS + " pending at a bare 'server stop' ("
                + stop.toMillis() + " ms): " + got.size() + " delivered, " + counted + " counted in the stop line:\n"
                + line + "\n", StandardCharsets.UTF_8);
        assertEquals(ITEMS, got.size() + counted, "delivered + counted in the log = pending; the log: " + line);
        if (counted > 0) {
            assertTrue(line.contains("flushAndWait"), "the log says how to keep them: " + line);
        }
    }
}
