package org.partitionedbuffer.ra.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.partitionedbuffer.core.BufferOption;
import org.partitionedbuffer.core.BufferOptions;
import org.partitionedbuffer.core.ExecutorBufferScheduler;
import org.partitionedbuffer.core.PartitionedBuffer;

/*
 * Each read-write attribute of the buffer's MBean is wired to its own option: it reads what asMap() shows for that
 * option, and writing that value back changes nothing. The buffer's options are all away from their defaults and from
 * each other, so an attribute that reads or writes the wrong option shows.
 */
class BufferAdminOptionsTest {

    private static final String BUFFER = "wired";

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final ScheduledExecutorService threads = Executors.newSingleThreadScheduledExecutor();
    private final PartitionedBuffer buffer = PartitionedBuffer.create(BufferOptions.builder(BUFFER).partitions(2)
            .processingIntervalMs(600_001).processingTimeoutMs(60_002).processingBatchSize(13).flushThreshold(14)
            .capacity(15).set("overflow", "block").maxRetries(16).retryBackoffMs(17).deadLetterBuffer("failed")
            .build(), new ExecutorBufferScheduler(threads));

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private ObjectName registered() {
        new BufferMBeans(server).register(buffer);
        return BufferMBeans.objectName(BUFFER);
    }

    private static String attributeOf(BufferOption option) {
        return Character.toUpperCase(option.key().charAt(0)) + option.key().substring(1);
    }

    /** The options JMX may write; OptionPropertiesTest checks that they are exactly the writable attributes. */
    static Stream<BufferOption> runtimeChangeableOptions() {
        return Arrays.stream(BufferOption.values()).filter(BufferOption::runtimeChangeable);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runtimeChangeableOptions")
    void aRuntimeOptionsAttributeReadsItsOptionAndWritingItBackChangesNothing(BufferOption option) throws Exception {
        ObjectName name = registered();
        Map<String, String> before = buffer.options().asMap();

        Object value = server.getAttribute(name, attributeOf(option));
        assertEquals(before.get(option.key()), String.valueOf(value), attributeOf(option));

        server.setAttribute(name, new Attribute(attributeOf(option), value));
        assertEquals(before, buffer.options().asMap(), "writing " + attributeOf(option) + " back");
    }
}
