package org.partitionedbuffer.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.core.BufferOption;
import org.partitionedbuffer.core.BufferOptions;

// Where a buffer's options come from: for every option on its own, MicroProfile Config beats the activation property,
// which beats the adapter's default<Option>, which beats the engine default; a bad value is reported with the option,
// the value and the exact source to fix; the names users type (config keys, adapter properties) are the real ones.
class OptionSourcesTest {

    private static final String BUFFER = "orders";
    private static final ClassLoader LOADER = OptionSourcesTest.class.getClassLoader();

    /** Routing functions for partitionKey values; public with a public no-arg constructor, as the option requires. */
    public static final class RouteByHash implements Function<Object, Object> {
        @Override
        public Object apply(Object item) {
            return item.hashCode();
        }
    }

    public static final class RouteByText implements Function<Object, Object> {
        @Override
        public Object apply(Object item) {
            return item.toString();
        }
    }

    /** Two valid values per option, both different from the engine default, so every source shows in the result. */
    private static final Map<BufferOption, String[]> VALUES = new EnumMap<>(Map.ofEntries(
            Map.entry(BufferOption.BUFFER_TYPE, new String[] {"map", "queue"}),
            Map.entry(BufferOption.PARTITIONS, new String[] {"3", "5"}),
            Map.entry(BufferOption.PARTITION_KEY,
                    new String[] {RouteByHash.class.getName(), RouteByText.class.getName()}),
            Map.entry(BufferOption.PROCESSING_INTERVAL_MS, new String[] {"111", "222"}),
            Map.entry(BufferOption.PROCESSING_TIMEOUT_MS, new String[] {"333", "444"}),
            Map.entry(BufferOption.PROCESSING_BATCH_SIZE, new String[] {"table", "7"}),
            Map.entry(BufferOption.FLUSH_THRESHOLD, new String[] {"5", "6"}),
            Map.entry(BufferOption.CAPACITY, new String[] {"100", "200"}),
            Map.entry(BufferOption.OVERFLOW, new String[] {"block", "reject"}),
            Map.entry(BufferOption.MAX_RETRIES, new String[] {"7", "8"}),
            Map.entry(BufferOption.RETRY_BACKOFF_MS, new String[] {"55", "66"}),
            Map.entry(BufferOption.DEAD_LETTER_BUFFER, new String[] {"failedOrders", "lostOrders"}),
            Map.entry(BufferOption.NON_RETRYABLE,
                    new String[] {"java.sql.SQLIntegrityConstraintViolationException", "java.lang.IllegalArgumentException"}),
            Map.entry(BufferOption.TRANSACTIONAL, new String[] {"false", "true"})));

    private static final Map<String, String> ENGINE_DEFAULTS = BufferOptions.builder(BUFFER).build().asMap();

    private static Function<String, Optional<String>> config(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }

    private static Function<String, Optional<String>> noConfig() {
        return key -> Optional.empty();
    }

    private static String resolved(BufferOption option, Function<String, Optional<String>> config,
                                   Map<String, String> activation, Map<String, String> adapter) {
        return OptionSources.resolve(BUFFER, config, activation, adapter, LOADER).asMap().get(option.key());
    }

    @Test
    void everyOptionHasTwoTestValuesThatDifferFromTheEngineDefault() {
        for (BufferOption option : BufferOption.values()) {
            String[] values = VALUES.get(option);
            assertNotEquals(values[0], values[1], option.key());
            // the stronger value ("first") must be visible against the engine default as well
            assertNotEquals(ENGINE_DEFAULTS.get(option.key()), values[0], option.key());
        }
    }

    @ParameterizedTest
    @EnumSource(BufferOption.class)
    void microProfileConfigBeatsActivationPropertyAndAdapterDefault(BufferOption option) {
        String[] values = VALUES.get(option);
        String result = resolved(option, config(Map.of(OptionSources.configKey(BUFFER, option), values[0])),
                Map.of(option.key(), values[1]), Map.of(option.key(), values[1]));
        assertEquals(values[0], result);
    }

    @ParameterizedTest
    @EnumSource(BufferOption.class)
    void activationPropertyBeatsAdapterDefault(BufferOption option) {
        String[] values = VALUES.get(option);
        assertEquals(values[0], resolved(option, noConfig(), Map.of(option.key(), values[0]),
                Map.of(option.key(), values[1])));
        assertEquals(values[1], resolved(option, noConfig(), Map.of(option.key(), values[1]),
                Map.of(option.key(), values[0])));
    }

    @ParameterizedTest
    @EnumSource(BufferOption.class)
    void adapterDefaultBeatsEngineDefault(BufferOption option) {
        String[] values = VALUES.get(option);
        assertEquals(values[0], resolved(option, noConfig(), Map.of(), Map.of(option.key(), values[0])));
    }

    @ParameterizedTest
    @EnumSource(BufferOption.class)
    void engineDefaultAppliesWhenNoSourceSetsTheOption(BufferOption option) {
        assertEquals(ENGINE_DEFAULTS.get(option.key()), resolved(option, noConfig(), Map.of(), Map.of()));
    }

    @ParameterizedTest
    @EnumSource(BufferOption.class)
    void blankAdapterDefaultCountsAsUnset(BufferOption option) {
        assertEquals(ENGINE_DEFAULTS.get(option.key()), resolved(option, noConfig(), Map.of(),
                Map.of(option.key(), "  ")));
    }

    @Test
    void eachOptionIsResolvedFromItsOwnStrongestSource() {
        Map<String, String> mp = Map.of("partitionedbuffer.orders.processingIntervalMs", "111");
        Map<String, String> activation = Map.of("processingIntervalMs", "222", "processingBatchSize", "4");
        Map<String, String> adapter = Map.of("processingIntervalMs", "333", "processingBatchSize", "5",
                "maxRetries", "9");

        Map<String, String> options = OptionSources.resolve(BUFFER, config(mp), activation, adapter, LOADER).asMap();

        assertEquals("111", options.get("processingIntervalMs"));
        assertEquals("4", options.get("processingBatchSize"));
        assertEquals("9", options.get("maxRetries"));
        assertEquals(ENGINE_DEFAULTS.get("retryBackoffMs"), options.get("retryBackoffMs"));
    }

    @Test
    void configOfAnotherBufferIsNotUsed() {
        Map<String, String> mp = Map.of("partitionedbuffer.payments.processingIntervalMs", "111");
        assertEquals(ENGINE_DEFAULTS.get("processingIntervalMs"),
                resolved(BufferOption.PROCESSING_INTERVAL_MS, config(mp), Map.of(), Map.of()));
    }

    @Test
    void badMicroProfileConfigValueNamesOptionValueAndConfigProperty() {
        BufferException e = assertThrows(BufferException.class, () -> OptionSources.resolve(BUFFER,
                config(Map.of("partitionedbuffer.orders.partitions", "zero")), Map.of(), Map.of(), LOADER));
        assertMentions(e, "partitions", "zero", "MicroProfile Config property partitionedbuffer.orders.partitions");
    }

    @Test
    void badActivationPropertyNamesOptionValueAndActivationProperty() {
        BufferException e = assertThrows(BufferException.class, () -> OptionSources.resolve(BUFFER, noConfig(),
                Map.of("processingBatchSize", "lots"), Map.of(), LOADER));
        assertMentions(e, "processingBatchSize", "lots", "activation config property processingBatchSize");
    }

    @Test
    void badAdapterDefaultNamesOptionValueAndAdapterProperty() {
        BufferException e = assertThrows(BufferException.class, () -> OptionSources.resolve(BUFFER, noConfig(),
                Map.of(), Map.of("maxRetries", "-1"), LOADER));
        assertMentions(e, "maxRetries", "-1", "resource adapter config property defaultMaxRetries");
    }

    @Test
    void unknownPartitionKeyClassNamesTheClassAndWhereItCameFrom() {
        BufferException e = assertThrows(BufferException.class, () -> OptionSources.resolve(BUFFER, noConfig(),
                Map.of("partitionKey", "com.example.NoSuchRouting"), Map.of(), LOADER));
        assertMentions(e, "partitionKey", "com.example.NoSuchRouting", "activation config property partitionKey");
    }

    @Test
    void badValueHiddenByAStrongerSourceIsNotUsed() {
        Map<String, String> options = OptionSources.resolve(BUFFER,
                config(Map.of("partitionedbuffer.orders.partitions", "2")), Map.of("partitions", "none"),
                Map.of("partitions", "-4"), LOADER).asMap();
        assertEquals("2", options.get("partitions"));
    }

    @Test
    void configKeyIsPrefixBufferAndOption() {
        assertEquals("partitionedbuffer.orders.processingIntervalMs",
                OptionSources.configKey("orders", BufferOption.PROCESSING_INTERVAL_MS));
        assertEquals("partitionedbuffer.prices.bufferType", OptionSources.configKey("prices",
                BufferOption.BUFFER_TYPE));
    }

    @Test
    void adapterPropertyNameIsDefaultFollowedByTheCapitalizedOption() {
        assertEquals("defaultProcessingIntervalMs",
                OptionSources.adapterPropertyName(BufferOption.PROCESSING_INTERVAL_MS));
        assertEquals("defaultDeadLetterBuffer", OptionSources.adapterPropertyName(BufferOption.DEAD_LETTER_BUFFER));
        assertEquals("defaultBufferType", OptionSources.adapterPropertyName(BufferOption.BUFFER_TYPE));
    }

    @ParameterizedTest
    @EnumSource(BufferOption.class)
    void adapterPropertyNameIsARealConfigPropertyOfTheAdapter(BufferOption option) throws Exception {
        // The name the error messages tell users to fix must be the property the admin console shows.
        String property = OptionSources.adapterPropertyName(option);
        PartitionedBufferResourceAdapter adapter = new PartitionedBufferResourceAdapter();
        PartitionedBufferResourceAdapter.class.getMethod("set" + capitalized(property), String.class)
                .invoke(adapter, "someValue");
        assertEquals("someValue",
                PartitionedBufferResourceAdapter.class.getMethod("get" + capitalized(property)).invoke(adapter));
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' missing from: " + e.getMessage());
        }
    }
}
