package org.partitionedbuffer.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.partitionedbuffer.it.bad.GoodBean;
import org.partitionedbuffer.it.bad.GoodServlet;
import org.partitionedbuffer.it.bad.MissingKeyBean;
import org.partitionedbuffer.it.bad.SecondGoodBean;
import org.partitionedbuffer.it.bad.StackTypeBean;
import org.partitionedbuffer.it.bad.WordBatchSizeBean;
import org.partitionedbuffer.it.bad.ZeroPartitionsBean;

/**
 * One Payara Micro (started by the test) with a valid application and five whose message-driven bean cannot activate:
 * each of those deployments fails with a log line naming the property, the value and the fix, and the valid
 * application keeps receiving what is pushed.
 */
class BadActivationIT {

    private static final Duration DELIVERY = Duration.ofSeconds(20);
    private static ScriptedMicro micro;

    @BeforeAll
    static void startServerWithEveryApplication() throws Exception {
        File dir = new File(ScriptedMicro.target(), "bad-activation");
        if (!dir.isDirectory() && !dir.mkdirs()) {
            throw new IllegalStateException("cannot create " + dir);
        }
        // Order matters: the valid listener of it-good is active before anything fails, and before its rival.
        micro = ScriptedMicro.start("bad-activation-server.log", List.of(),
                war(dir, "good", GoodBean.class, GoodServlet.class),
                war(dir, "bad-partitions", ZeroPartitionsBean.class),
                war(dir, "bad-type", StackTypeBean.class),
                war(dir, "bad-batch-size", WordBatchSizeBean.class),
                war(dir, "bad-partition-key", MissingKeyBean.class),
                war(dir, "second-listener", SecondGoodBean.class));
    }

    @AfterAll
    static void stopServer() {
        if (micro != null) {
            micro.close();
        }
    }

    private static File war(File dir, String name, Class<?>... classes) {
        File file = new File(dir, name + ".war");
        ShrinkWrap.create(WebArchive.class, name + ".war").addClasses(classes)
                .addAsWebResource(new StringAsset(name), "ping.txt")
                .as(ZipExporter.class).exportTo(file, true);
        return file;
    }

    /** Application, then what one log line must say: the buffer, property=value, and the fix. */
    static Stream<Arguments> refusedApplications() {
        return Stream.of(
                Arguments.of("bad-partitions", "Buffer 'it-bad-partitions'", "partitions=0",
                        "allowed: an integer >= 1"),
                Arguments.of("bad-type", "Buffer 'it-bad-type'", "bufferType=stack", "allowed: queue or map"),
                Arguments.of("bad-batch-size", "Buffer 'it-bad-batch'", "processingBatchSize=x",
                        "allowed: an integer >= 1, or table"),
                Arguments.of("bad-partition-key", "Buffer 'it-bad-key'", "partitionKey=com.example.Missing",
                        "check the name and package it in the application"),
                Arguments.of("second-listener", "Buffer 'it-good' already has a listener",
                        "(message-driven bean " + GoodBean.class.getName() + ")",
                        "Remove the other message-driven bean for this buffer, or give this one another bufferName"));
    }

    @ParameterizedTest(name = "{0}: deployment fails, the log names {2} and the fix")
    @MethodSource("refusedApplications")
    void aBeanThatCannotActivateFailsItsDeploymentWithAMessageNamingPropertyValueAndFix(
            String application, String buffer, String propertyAndValue, String fix) throws Exception {
        assertEquals(404, micro.get("/" + application + "/ping.txt").statusCode(), application + " is not served");
        assertTrue(!deployedApplications().contains(application),
                application + " is not among the deployed " + deployedApplications());
        List<String> explained = micro.log().lines()
                .filter(line -> line.contains(buffer) && line.contains(propertyAndValue) && line.contains(fix))
                .toList();
        assertTrue(!explained.isEmpty(), "a log line with " + buffer + ", " + propertyAndValue + " and \"" + fix
                + "\"; see " + micro.logFile());
    }

    @Test
    void theValidApplicationInTheSameServerIsDeployedAndKeepsReceivingWhatIsPushed() throws Exception {
        assertTrue(deployedApplications().contains("good"), "deployed: " + deployedApplications());
        List<String> pushed = IntStream.range(0, 25).mapToObj(i -> "after-failures-" + i).toList();

        assertEquals(200, micro.get("/good/push?prefix=after-failures&count=25").statusCode());

        await().atMost(DELIVERY).until(() -> delivered().containsAll(pushed));
        List<String> ours = delivered().stream().filter(pushed::contains).toList();
        assertEquals(pushed.size(), ours.size(), "each item delivered once: " + ours);
    }

    @Test
    void aRefusedActivationLeavesNoBufferBehind() throws Exception {
        assertEquals("it-good", micro.get("/good/buffers").body().strip());
    }

    private static List<String> delivered() throws Exception {
        return micro.get("/good/delivered").body().lines().toList();
    }

    /** The names in the "Deployed" list Payara Micro prints when it is ready. */
    private static List<String> deployedApplications() {
        String log = micro.log();
        int configuration = log.lastIndexOf("\"Instance Configuration\"");
        assertTrue(configuration >= 0, "the instance configuration in " + micro.logFile());
        String deployed = log.substring(configuration, log.indexOf("]", log.indexOf("\"Deployed\"", configuration)));
        List<String> names = new ArrayList<>();
        Matcher name = Pattern.compile("\"Name\": \"([^\"]+)\"").matcher(deployed);
        while (name.find()) {
            names.add(name.group(1));
        }
        return names;
    }
}
