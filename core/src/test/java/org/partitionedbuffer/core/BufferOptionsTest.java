package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.api.BufferType;

/*
 * Options start at CONTRACT.md's defaults, every bad value is refused with a message naming the buffer, the option, the
 * value and what is allowed, and updateOptions changes exactly what it names, all or nothing (unlike the reference,
 * whose update_options reset every other option: defect 7), with a new interval taking effect at once.
 */
class BufferOptionsTest {

    private static final String BUFFER = "orders";

    private final ManualScheduler scheduler = new ManualScheduler();

    /** A valid routing function. */
    public static final class RegionRouting implements Function<Object, Object> {
        @Override
        public Object apply(Object object) {
            return object.toString().substring(0, 2);
        }
    }

    /** Another valid routing function, to try to swap the buffer's one at runtime. */
    public static final class LengthRouting implements Function<Object, Object> {
        @Override
        public Object apply(Object object) {
            return object.toString().length();
        }
    }

    /** A routing function the engine cannot instantiate: its only constructor takes an argument. */
    public static final class NeedsArgumentRouting implements Function<Object, Object> {
        private final String prefix;

        public NeedsArgumentRouting(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Object apply(Object object) {
            return prefix + object;
        }
    }

    /**
     * Starts the buffer and runs the drain request that attach() queued on the manual scheduler, so that from here on
     * only ticks (and what the test triggers) deliver.
     */
    private void start(PartitionedBuffer buffer) {
        buffer.start();
        scheduler.runReady();
    }

    // ---- defaults

    @Test
    void defaultsAreThoseOfTheContract() {
        BufferOptions options = BufferOptions.builder(BUFFER).build();

        assertEquals(BUFFER, options.bufferName());
        assertEquals(BufferType.QUEUE, options.type());
        assertEquals(Runtime.getRuntime().availableProcessors(), options.partitions());
        assertTrue(options.partitionKey().isItem(), "default routing is by the item / map key");
        assertEquals(5000, options.processingIntervalMs());
        assertEquals(60000, options.processingTimeoutMs());
        assertEquals(10, options.processingBatchSize());
        assertEquals(false, options.tableMode());
        assertEquals(0, options.flushThreshold());
        assertEquals(0, options.capacity());
        assertEquals(Overflow.REJECT, options.overflow());
        assertEquals(3, options.maxRetries());
        assertEquals(1000, options.retryBackoffMs());
        assertNull(options.deadLetterBuffer());
    }

    @Test
    void defaultsReadAsTheContractWritesThem() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("bufferType", "queue");
        expected.put("partitions", Integer.toString(Runtime.getRuntime().availableProcessors()));
        expected.put("partitionKey", "");
        expected.put("processingIntervalMs", "5000");
        expected.put("processingTimeoutMs", "60000");
        expected.put("processingBatchSize", "10");
        expected.put("flushThreshold", "0");
        expected.put("capacity", "0");
        expected.put("overflow", "reject");
        expected.put("maxRetries", "3");
        expected.put("retryBackoffMs", "1000");
        expected.put("deadLetterBuffer", "");
        expected.put("nonRetryable", "");
        expected.put("transactional", "true");

        assertEquals(expected, BufferOptions.builder(BUFFER).build().asMap());
    }

    // ---- validation

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "partitions           | 0                | less than 1              | an integer >= 1",
            "partitions           | x                | not an integer           | an integer >= 1",
            "bufferType           | stack            | no such buffer type      | queue or map",
            "processingBatchSize  | x                | not an integer           | or table",
            "processingBatchSize  | 0                | less than 1              | or table",
            "processingIntervalMs | 0                | less than 1              | an integer >= 1",
            "processingTimeoutMs  | -1               | less than 1              | an integer >= 1",
            "flushThreshold       | -1               | less than 0              | an integer >= 0",
            "capacity             | -5               | less than 0              | an integer >= 0",
            "overflow             | drop             | no such overflow policy  | reject or block",
            "maxRetries           | -1               | less than 0              | an integer >= 0",
            "retryBackoffMs       | abc              | not an integer           | an integer >= 0",
            "partitionKey         | com.nope.Missing | no class com.nope.Missing | no-arg constructor",
            "partitionKey         | java.lang.String | does not implement java.util.function.Function"
                    + " | java.util.function.Function",
    })
    void aBadValueIsRefusedNamingTheBufferTheOptionTheValueAndWhatIsAllowed(String option, String value, String why,
                                                                          String allowed) {
        BufferException refused = assertThrows(BufferException.class,
                () -> BufferOptions.builder(BUFFER).set(option, value).build());

        assertInvalid(refused, option, value, why, allowed);
    }

    @Test
    void aRoutingClassWithoutAPublicNoArgConstructorIsRefused() {
        String className = NeedsArgumentRouting.class.getName();

        BufferException refused = assertThrows(BufferException.class,
                () -> BufferOptions.builder(BUFFER).set("partitionKey", className).build());

        assertInvalid(refused, "partitionKey", className, "has no public no-arg constructor", "no-arg constructor");
    }

    @Test
    void aBufferCannotBeItsOwnDeadLetterBuffer() {
        BufferException refused = assertThrows(BufferException.class,
                () -> BufferOptions.builder(BUFFER).set("deadLetterBuffer", BUFFER).build());

        assertInvalid(refused, "deadLetterBuffer", BUFFER, "its own dead-letter buffer", "other than this one");
    }

    @Test
    void theTypedBuilderMethodsRefuseOutOfRangeValuesAlike() {
        BufferOptions.Builder builder = BufferOptions.builder(BUFFER);

        assertInvalid(assertThrows(BufferException.class, () -> builder.partitions(0)), "partitions", "0",
                "out of range", "an integer >= 1");
        assertInvalid(assertThrows(BufferException.class, () -> builder.processingBatchSize(0)),
                "processingBatchSize", "0", "out of range", "or table");
        assertInvalid(assertThrows(BufferException.class, () -> builder.capacity(-5)), "capacity", "-5",
                "out of range", "an integer >= 0");
        assertInvalid(assertThrows(BufferException.class, () -> builder.retryBackoffMs(-1)), "retryBackoffMs",
                "-1", "out of range", "an integer >= 0");
    }

    @Test
    void anUnknownOptionIsRefusedListingTheKnownOptions() {
        BufferException refused = assertThrows(BufferException.class,
                () -> BufferOptions.builder(BUFFER).set("procesingIntervalMs", "100"));

        String message = refused.getMessage();
        assertTrue(message.contains("'" + BUFFER + "'"), message);
        assertTrue(message.contains("unknown option 'procesingIntervalMs'"), message);
        for (String known : List.of("bufferType", "partitions", "partitionKey", "processingIntervalMs",
                "processingTimeoutMs", "processingBatchSize", "flushThreshold", "capacity", "overflow", "maxRetries",
                "retryBackoffMs", "deadLetterBuffer")) {
            assertTrue(message.contains(known), "message does not list " + known + ": " + message);
        }
    }

    @Test
    void anOptionNameInTheWrongCaseSuggestsTheRightName() {
        BufferException refused = assertThrows(BufferException.class,
                () -> BufferOptions.builder(BUFFER).set("processingintervalms", "100"));

        String message = refused.getMessage();
        assertTrue(message.contains("'" + BUFFER + "'"), message);
        assertTrue(message.contains("'processingintervalms'"), message);
        assertTrue(message.contains("did you mean processingIntervalMs?"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"table", "TABLE", "Table", " table "})
    void tableIsAcceptedAsABatchSizeInAnyCase(String value) {
        BufferOptions options = BufferOptions.builder(BUFFER).set("processingBatchSize", value).build();

        assertTrue(options.tableMode());
        assertEquals(BufferOptions.TABLE, options.processingBatchSize());
        assertEquals("table", options.asMap().get("processingBatchSize"));
    }

    @Test
    void valuesAreParsedFromTheirText() {
        BufferOptions options = BufferOptions.builder(BUFFER).setAll(Map.of(
                "bufferType", "MAP", "partitions", " 3 ", "overflow", "Block", "capacity", "1000",
                "partitionKey", RegionRouting.class.getName())).build();

        assertEquals(BufferType.MAP, options.type());
        assertEquals(3, options.partitions());
        assertEquals(Overflow.BLOCK, options.overflow());
        assertEquals(1000, options.capacity());
        assertEquals("eu", options.partitionKey().routingKeyOf("eu-west:order-1"));
    }

    // ---- updates at runtime

    /** Every option away from its default, so a reset to a default would show. */
    private static BufferOptions.Builder customised(BufferType type) {
        return BufferOptions.builder(BUFFER).type(type)
                .set("partitions", "3")
                .set("partitionKey", RegionRouting.class.getName())
                .set("processingIntervalMs", "200")
                .set("processingTimeoutMs", "3000")
                .set("processingBatchSize", "7")
                .set("flushThreshold", "50")
                .set("capacity", "1000")
                .set("overflow", "block")
                .set("maxRetries", "5")
                .set("retryBackoffMs", "20")
                .set("deadLetterBuffer", "failed-orders");
    }

    private PartitionedBuffer buffer(BufferOptions.Builder builder) {
        return PartitionedBuffer.create(builder.build(), scheduler);
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void anUpdateChangesOnlyTheOptionsItNames(BufferType type) {
        PartitionedBuffer buffer = buffer(customised(type));
        start(buffer);
        Map<String, String> before = buffer.options().asMap();

        buffer.updateOptions(Map.of("processingBatchSize", "4"));

        Map<String, String> expected = new LinkedHashMap<>(before);
        expected.put("processingBatchSize", "4");
        assertEquals(expected, buffer.options().asMap());

        buffer.updateOptions(Map.of("maxRetries", "0", "deadLetterBuffer", ""));

        expected.put("maxRetries", "0");
        expected.put("deadLetterBuffer", "");
        assertEquals(expected, buffer.options().asMap());
    }

    @ParameterizedTest
    @CsvSource({"processingBatchSize, 4, maxRetries, -1", "maxRetries, 1, processingBatchSize, 0",
            "capacity, 10, procesingIntervalMs, 50", "processingIntervalMs, 50, partitions, 9",
            "processingTimeoutMs, 10, deadLetterBuffer, orders"})
    void anUpdateWithOneInvalidValueChangesNothing(String validName, String validValue, String badName,
                                                  String badValue) {
        PartitionedBuffer buffer = buffer(customised(BufferType.QUEUE));
        start(buffer);
        BufferOptions before = buffer.options();
        Map<String, String> update = new LinkedHashMap<>();
        update.put(validName, validValue); // the valid one first: it must not be applied on its own
        update.put(badName, badValue);

        BufferException refused = assertThrows(BufferException.class, () -> buffer.updateOptions(update));

        assertTrue(refused.getMessage().contains("'" + BUFFER + "'"), refused.getMessage());
        assertTrue(refused.getMessage().contains(badName), refused.getMessage());
        assertSame(before, buffer.options());
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aRuntimeUpdateIsValidatedLikeTheBuilder(BufferType type) {
        PartitionedBuffer buffer = buffer(customised(type));
        start(buffer);

        assertInvalid(assertThrows(BufferException.class,
                        () -> buffer.updateOptions(Map.of("processingIntervalMs", "0"))),
                "processingIntervalMs", "0", "less than 1", "an integer >= 1");
        assertInvalid(assertThrows(BufferException.class,
                        () -> buffer.updateOptions(Map.of("deadLetterBuffer", BUFFER))),
                "deadLetterBuffer", BUFFER, "its own dead-letter buffer", "other than this one");
        BufferException unknown = assertThrows(BufferException.class,
                () -> buffer.updateOptions(Map.of("Capacity", "5")));
        assertTrue(unknown.getMessage().contains("did you mean capacity?"), unknown.getMessage());
        assertEquals("200", buffer.options().asMap().get("processingIntervalMs"));
        assertEquals("failed-orders", buffer.options().deadLetterBuffer());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"bufferType, map", "partitions, 5",
            "partitionKey, org.partitionedbuffer.core.BufferOptionsTest$LengthRouting", "partitionKey, ''"})
    void anOptionThatCannotChangeAtRuntimeIsRefusedSayingSo(String option, String value) {
        PartitionedBuffer buffer = buffer(customised(BufferType.QUEUE));
        start(buffer);
        BufferOptions before = buffer.options();

        BufferException refused = assertThrows(BufferException.class,
                () -> buffer.updateOptions(Map.of(option, value)));

        String message = refused.getMessage();
        assertTrue(message.contains("'" + BUFFER + "'"), message);
        assertTrue(message.contains("option " + option + " cannot change at runtime"), message);
        assertTrue(message.contains("requested " + value), message);
        assertSame(before, buffer.options());
    }

    @Test
    void anOptionThatCannotChangeAtRuntimeIsAcceptedWithItsCurrentValue() {
        PartitionedBuffer buffer = buffer(customised(BufferType.QUEUE));
        start(buffer);
        Map<String, String> before = buffer.options().asMap();

        buffer.updateOptions(Map.of("bufferType", "queue", "partitions", "3",
                "partitionKey", RegionRouting.class.getName()));
        buffer.updateOptions(Map.of("bufferType", "QUEUE", "processingBatchSize", "9"));

        Map<String, String> expected = new LinkedHashMap<>(before);
        expected.put("processingBatchSize", "9");
        assertEquals(expected, buffer.options().asMap());
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aNewIntervalTakesEffectAtOnce(BufferType type) {
        PartitionedBuffer buffer = buffer(BufferOptions.builder(BUFFER).type(type).partitions(2)
                .processingIntervalMs(10_000));
        RecordingListener listener = new RecordingListener();
        buffer.attach(listener);
        start(buffer);
        insert(buffer, "a");
        scheduler.advance(5_000);

        buffer.updateOptions(Map.of("processingIntervalMs", "50"));
        scheduler.advance(49);
        assertEquals(0, listener.batches().size(), "delivered before the new interval passed");
        scheduler.advance(1);
        assertEquals(1, listener.batches().size(), "not delivered one new interval after the update");

        // The new interval keeps going, not just once.
        insert(buffer, "b");
        scheduler.advance(50);
        assertEquals(2, listener.batches().size());
        assertEquals(0, buffer.size());
    }

    @Test
    void anUpdateThatLeavesTheIntervalAloneDoesNotPostponeTheNextTick() {
        QueueBuffer buffer = (QueueBuffer) buffer(BufferOptions.builder(BUFFER).partitions(1)
                .processingIntervalMs(100));
        RecordingListener listener = new RecordingListener();
        buffer.attach(listener);
        start(buffer);
        buffer.push("a");
        scheduler.advance(60);

        buffer.updateOptions(Map.of("processingBatchSize", "2", "processingIntervalMs", "100"));
        scheduler.advance(40);

        assertEquals(List.of("a"), listener.items(), "the tick due at 100 ms was moved by the update");
    }

    // ---- helpers

    private static void insert(PartitionedBuffer buffer, Object object) {
        if (buffer instanceof QueueBuffer queue) {
            queue.push(object);
        } else {
            ((MapBuffer) buffer).put(object, "v");
        }
    }

    private static void assertInvalid(BufferException refused, String option, String value, String why,
                                      String allowed) {
        String message = refused.getMessage();
        assertTrue(message.contains("Buffer '" + BUFFER + "'"), "buffer not named: " + message);
        assertTrue(message.contains("option " + option + "=" + value), "option and value not named: " + message);
        assertTrue(message.contains(why), "reason '" + why + "' missing: " + message);
        assertTrue(message.contains("allowed: ") && message.contains(allowed),
                "allowed values '" + allowed + "' missing: " + message);
    }
}
