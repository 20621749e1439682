package org.partitionedbuffer.ra.inbound;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.InvalidPropertyException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.partitionedbuffer.core.BufferOption;
import org.partitionedbuffer.ra.PartitionedBufferResourceAdapter;

// The activation spec the container fills from @ActivationConfigProperty: one JavaBean property per option that
// round-trips, options() holding exactly what was set, and validate() refusing a missing bufferName or any value the
// engine would refuse, with the property and the value in the message.
class BufferActivationSpecTest {

    private static BufferActivationSpec spec(String bufferName) {
        BufferActivationSpec spec = new BufferActivationSpec();
        spec.setBufferName(bufferName);
        return spec;
    }

    /** Sets a property as the container does: through the JavaBean setter named after it. */
    private static void setProperty(BufferActivationSpec spec, String property, String value) throws Exception {
        setter(property).invoke(spec, value);
    }

    private static Method setter(String property) throws NoSuchMethodException {
        return BufferActivationSpec.class.getMethod("set" + capitalized(property), String.class);
    }

    private static Method getter(String property) throws NoSuchMethodException {
        return BufferActivationSpec.class.getMethod("get" + capitalized(property));
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void validateRefusesAMissingBufferName(String bufferName) {
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, () -> spec(bufferName).validate());
        assertTrue(e.getMessage().contains("bufferName"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "partitions, 0",
            "bufferType, stack",
            "processingBatchSize, x",
            "processingIntervalMs, 0",
            "overflow, drop",
            "maxRetries, -1"})
    void validateRefusesAnInvalidValueNamingPropertyAndValue(String property, String value) throws Exception {
        BufferActivationSpec spec = spec("orders");
        setProperty(spec, property, value);

        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, spec::validate);

        assertTrue(e.getMessage().contains(property + "=" + value), e.getMessage());
        assertTrue(e.getMessage().contains("activation config property " + property), e.getMessage());
    }

    @Test
    void validateRefusesADeadLetterBufferEqualToTheBuffer() {
        BufferActivationSpec spec = spec("orders");
        spec.setDeadLetterBuffer("orders");

        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, spec::validate);

        assertTrue(e.getMessage().contains("deadLetterBuffer=orders"), e.getMessage());
        assertTrue(e.getMessage().contains("its own dead-letter buffer"), e.getMessage());
    }

    @Test
    void validateAcceptsABufferNameAlone() {
        assertDoesNotThrow(() -> spec("orders").validate());
    }

    @Test
    void validateAcceptsValidValuesForEveryOption() {
        BufferActivationSpec spec = spec("orders");
        spec.setBufferType("map");
        spec.setPartitions("4");
        spec.setProcessingIntervalMs("50");
        spec.setProcessingTimeoutMs("1000");
        spec.setProcessingBatchSize("table");
        spec.setFlushThreshold("0");
        spec.setCapacity("1000");
        spec.setOverflow("block");
        spec.setMaxRetries("0");
        spec.setRetryBackoffMs("0");
        spec.setDeadLetterBuffer("failedOrders");

        assertDoesNotThrow(spec::validate);
    }

    @Test
    void validateLeavesPartitionKeyToActivationWhereTheApplicationsClassLoaderIsKnown() {
        // The class lives in the application: the spec cannot load it, so it must not refuse it either.
        BufferActivationSpec spec = spec("orders");
        spec.setPartitionKey("com.example.app.RouteByCustomer");

        assertDoesNotThrow(spec::validate);
    }

    @ParameterizedTest
    @EnumSource(BufferOption.class)
    void everyOptionIsAJavaBeanPropertyThatRoundTrips(BufferOption option) throws Exception {
        BufferActivationSpec spec = spec("orders");

        setProperty(spec, option.key(), "value-of-" + option.key());

        assertEquals("value-of-" + option.key(), getter(option.key()).invoke(spec));
        assertEquals(Map.of(option.key(), "value-of-" + option.key()), spec.options());
    }

    @Test
    void optionsHoldOnlyWhatWasSet() {
        BufferActivationSpec spec = spec("orders");
        spec.setProcessingIntervalMs("50");
        spec.setProcessingBatchSize("2");

        assertEquals(Map.of("processingIntervalMs", "50", "processingBatchSize", "2"), spec.options());
        assertNull(spec.getPartitions());
    }

    @Test
    void settingAnOptionToNullUnsetsIt() {
        BufferActivationSpec spec = spec("orders");
        spec.setProcessingIntervalMs("50");
        spec.setCapacity("10");

        spec.setProcessingIntervalMs(null);

        assertEquals(Map.of("capacity", "10"), spec.options());
        assertNull(spec.getProcessingIntervalMs());
    }

    @Test
    void optionsIsASnapshotTheCallerCannotChange() {
        BufferActivationSpec spec = spec("orders");
        spec.setPartitions("2");
        Map<String, String> options = spec.options();

        spec.setPartitions("3");

        assertEquals("2", options.get("partitions"));
        assertThrows(UnsupportedOperationException.class, () -> options.put("capacity", "1"));
    }

    @Test
    void bufferNameIsTrimmedAndRoundTrips() {
        assertEquals("orders", spec("  orders ").getBufferName());
        assertNull(spec(null).getBufferName());
    }

    @Test
    void bufferNameIsNotAnOption() {
        assertEquals(Map.of(), spec("orders").options());
    }

    @Test
    void resourceAdapterRoundTrips() throws Exception {
        BufferActivationSpec spec = spec("orders");
        PartitionedBufferResourceAdapter adapter = new PartitionedBufferResourceAdapter();

        spec.setResourceAdapter(adapter);

        assertSame(adapter, spec.getResourceAdapter());
    }

    @Test
    void toStringShowsBufferNameAndOptions() {
        BufferActivationSpec spec = spec("orders");
        spec.setProcessingBatchSize("2");
        Map<String, String> expected = new LinkedHashMap<>(Map.of("processingBatchSize", "2"));

        assertEquals("BufferActivationSpec[bufferName=orders, options=" + expected + "]", spec.toString());
    }
}
