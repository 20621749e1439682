package org.partitionedbuffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.it.shutdown.FileRecordingBean;
import org.partitionedbuffer.it.shutdown.PushServlet;

/**
 * SIGTERM to a Payara Micro whose buffer holds 20,000 pending items (interval: one hour): the adapter delivers all of
 * them to the message-driven bean, on the server's prepare-shutdown event, before the process exits.
 */
class ShutdownFlushIT {

    private static final int ITEMS = 20_000;

    @Test
    void sigtermDeliversEveryPendingItemBeforeTheServerExits() throws Exception {
        File target = new File(System.getProperty("it.target"));
        Path recorded = target.toPath().resolve("shutdown-recorded.txt");
        Files.deleteIfExists(recorded);
        File war = new File(target, "shutdown-it.war");
        ShrinkWrap.create(WebArchive.class, "shutdown-it.war")
                .addClasses(FileRecordingBean.class, PushServlet.class)
                .as(ZipExporter.class).exportTo(war, true);

        List<String> lines;
        String log;
        try (ScriptedMicro micro = ScriptedMicro.start("shutdown", List.of("-Dit.record.file=" + recorded), war)) {
            HttpResponse<String> pushed = micro.get("/shutdown-it/push?buffer=it-shutdown&count=" + ITEMS);
            assertEquals(200, pushed.statusCode(), micro.log());
            assertEquals(Integer.toString(ITEMS), pushed.body(), "pending before the signal");
            assertFalse(Files.exists(recorded), "nothing delivered before the signal (one-hour interval)");

            micro.close(); // SIGTERM, and waits for the process to exit
            log = micro.log();
        }
        lines = Files.exists(recorded) ? Files.readAllLines(recorded) : List.of();
        assertEquals(ITEMS, lines.size(), "items delivered before exit\n" + tail(log));
        assertEquals(ITEMS, new HashSet<>(lines).size(), "each item once");
    }

    private static String tail(String output) {
        return output.length() <= 4000 ? output : output.substring(output.length() - 4000);
    }
}
