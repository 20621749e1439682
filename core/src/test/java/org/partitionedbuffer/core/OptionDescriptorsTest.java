package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.api.PartitionKey;

/*
 * The option descriptors drive the builder's defaults, parsing and asMap(): a default reads back as itself, a typed
 * setter and the option's text give the same options, the words users see in refusals are those they saw before the
 * descriptors (BufferOptionsTest checks parts of them), and the partitionKey option keeps its class loader rules and
 * its function instance across runtime updates.
 */
class OptionDescriptorsTest {

    private static final String BUFFER = "orders";

    /** A routing function for the class-loader tests. */
    public static final class RegionRouting implements Function<Object, Object> {
        @Override
        public Object apply(Object object) {
            return object.toString().substring(0, 2);
        }
    }

    @Test
    void aNewBuilderHoldsEveryDescriptorsDefaultInTheDescriptorsOrder() {
        Map<String, String> expected = new LinkedHashMap<>();
        for (BufferOption option : BufferOption.values()) {
            expected.put(option.key(), option.defaultText());
        }

        assertEquals(expected, BufferOptions.builder(BUFFER).build().asMap());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BufferOption.class)
    void everyDefaultReadsBackAsItself(BufferOption option) {
        BufferOptions defaults = BufferOptions.builder(BUFFER).build();

        BufferOptions reread = BufferOptions.builder(BUFFER).set(option, option.defaultText()).build();

        assertEquals(defaults.asMap(), reread.asMap());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BufferOption.class)
    void everyOptionIsFoundByItsKeyAndSuggestedForItsKeyInAnotherCase(BufferOption option) {
        assertSame(option, BufferOption.forKey(option.key()).orElseThrow());
        assertSame(option, BufferOption.forKeyIgnoringCase(option.key().toUpperCase()).orElseThrow());
        assertTrue(BufferOption.forKey(option.key().toUpperCase()).isEmpty());
    }

    @Test
    void theAllowedValuesReadAsTheyDidBeforeTheDescriptors() {
        Map<BufferOption, String> before = new EnumMap<>(BufferOption.class);
        before.put(BufferOption.BUFFER_TYPE, "queue or map");
        before.put(BufferOption.PARTITIONS, "an integer >= 1");
        before.put(BufferOption.PARTITION_KEY, "the name of a public class that implements"
                + " java.util.function.Function<Object, ?> and has a public no-arg constructor (empty for the default:"
                + " the item, or the map key)");
        before.put(BufferOption.PROCESSING_INTERVAL_MS, "an integer >= 1 (milliseconds)");
        before.put(BufferOption.PROCESSING_TIMEOUT_MS, "an integer >= 1 (milliseconds)");
        before.put(BufferOption.PROCESSING_BATCH_SIZE, "an integer >= 1, or table");
        before.put(BufferOption.FLUSH_THRESHOLD, "an integer >= 0 (0 turns it off)");
        before.put(BufferOption.CAPACITY, "an integer >= 0 (0 means unbounded)");
        before.put(BufferOption.OVERFLOW, "reject or block");
        before.put(BufferOption.MAX_RETRIES, "an integer >= 0");
        before.put(BufferOption.RETRY_BACKOFF_MS, "an integer >= 0 (milliseconds)");
        before.put(BufferOption.DEAD_LETTER_BUFFER, "the name of a queue buffer other than this one (empty for none)");

        before.forEach((option, allowed) -> assertEquals(allowed, option.allowed(), option.key()));
    }

    @Test
    void theDocumentedDefaultsAreTheTextUnlessTheTextSaysNothing() {
        assertEquals("queue", BufferOption.BUFFER_TYPE.defaultInWords());
        assertEquals("available processors", BufferOption.PARTITIONS.defaultInWords());
        assertEquals(Integer.toString(Runtime.getRuntime().availableProcessors()),
                BufferOption.PARTITIONS.defaultText());
        assertEquals("the item / map key", BufferOption.PARTITION_KEY.defaultInWords());
        assertEquals("", BufferOption.PARTITION_KEY.defaultText());
        assertEquals("none", BufferOption.DEAD_LETTER_BUFFER.defaultInWords());
        assertEquals("", BufferOption.DEAD_LETTER_BUFFER.defaultText());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "partitions          | 2147483648           | it is larger than 2147483647",
            "maxRetries          | 99999999999          | it is larger than 2147483647",
            "capacity            | 99999999999999999999 | it is not an integer",
            "processingBatchSize | tables               | it is not an integer",
            "flushThreshold      | table                | it is not an integer",
            "bufferType          | ''                   | there is no such buffer type",
    })
    void aValueOutsideTheOptionsTypeIsRefusedSayingWhy(String option, String value, String why) {
        BufferException refused = assertThrows(BufferException.class,
                () -> BufferOptions.builder(BUFFER).set(option, value));

        assertTrue(refused.getMessage().contains("option " + option + "=" + value + " is invalid (" + why + ")"),
                refused.getMessage());
    }

    @Test
    void typedSettersGiveTheOptionsTheirTextGives() {
        BufferOptions typed = BufferOptions.builder(BUFFER).partitions(3).processingIntervalMs(200)
                .processingTimeoutMs(3000).processingBatchSize(7).flushThreshold(50).capacity(1000)
                .overflow(Overflow.BLOCK).maxRetries(5).retryBackoffMs(20).deadLetterBuffer(" failed-orders ")
                .type(org.partitionedbuffer.api.BufferType.MAP).build();

        BufferOptions fromText = BufferOptions.builder(BUFFER).setAll(Map.ofEntries(
                Map.entry("bufferType", "map"), Map.entry("partitions", "3"),
                Map.entry("processingIntervalMs", "200"), Map.entry("processingTimeoutMs", "3000"),
                Map.entry("processingBatchSize", "7"), Map.entry("flushThreshold", "50"),
                Map.entry("capacity", "1000"), Map.entry("overflow", "block"), Map.entry("maxRetries", "5"),
                Map.entry("retryBackoffMs", "20"), Map.entry("deadLetterBuffer", "failed-orders"))).build();

        assertEquals(fromText.asMap(), typed.asMap());
        assertEquals("failed-orders", typed.deadLetterBuffer());
    }

    @Test
    void aRoutingRuleGivenAsCodeShowsItsDescriptionAndNoClass() {
        BufferOptions options = BufferOptions.builder(BUFFER).partitionKey(PartitionKey.of("all")).build();

        assertEquals("PartitionKey.of(all)", options.asMap().get("partitionKey"));
        assertTrue(options.classNamedRouting().isEmpty());
        assertEquals("all", options.partitionKey().routingKeyOf("anything"));
    }

    @Test
    void aBlankDeadLetterBufferIsNone() {
        assertEquals(null, BufferOptions.builder(BUFFER).deadLetterBuffer("  ").build().deadLetterBuffer());
        assertEquals(null, BufferOptions.builder(BUFFER).deadLetterBuffer(null).build().deadLetterBuffer());
    }

    @Test
    void aRuntimeUpdateKeepsTheRoutingFunctionInstance() {
        BufferOptions before = BufferOptions.builder(BUFFER).set("partitionKey", RegionRouting.class.getName())
                .build();

        BufferOptions after = before.withUpdates(Map.of("capacity", "5",
                "partitionKey", " " + RegionRouting.class.getName() + " "));

        assertEquals(5, after.capacity());
        assertSame(before.partitionKey(), after.partitionKey());
        assertSame(before.classNamedRouting().orElseThrow(), after.classNamedRouting().orElseThrow());
    }

    @Test
    void aPartitionKeyClassIsLoadedWithTheBuildersClassLoaderBeforeTheThreads() throws Exception {
        ClassLoader application = getClass().getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader seesNothing = new URLClassLoader(new URL[0], null)) {
            thread.setContextClassLoader(seesNothing);

            BufferOptions options = BufferOptions.builder(BUFFER).classLoader(application)
                    .set("partitionKey", RegionRouting.class.getName()).build();
            assertEquals("eu", options.partitionKey().routingKeyOf("eu-west"));

            BufferException refused = assertThrows(BufferException.class, () -> BufferOptions.builder(BUFFER)
                    .set("partitionKey", RegionRouting.class.getName()));
            assertTrue(refused.getMessage().contains("no class " + RegionRouting.class.getName()),
                    "without a builder class loader the thread's is used: " + refused.getMessage());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
