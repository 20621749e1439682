package org.partitionedbuffer.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.partitionedbuffer.core.BufferOption;

// The adapter's configuration as the server sets it: one default<Option> property per option, trimmed, blank meaning
// unset; equality and hash code by value over those properties, as servers that validate RARs require.
class PartitionedBufferResourceAdapterTest {

    private static Method setter(BufferOption option) throws NoSuchMethodException {
        return PartitionedBufferResourceAdapter.class.getMethod("set" + capitalized(option), String.class);
    }

    private static Method getter(BufferOption option) throws NoSuchMethodException {
        return PartitionedBufferResourceAdapter.class.getMethod("get" + capitalized(option));
    }

    private static final java.util.Map<String, String> BUILT_IN =
            org.partitionedbuffer.core.BufferOptions.builder("defaults").build().asMap();

    private static String capitalized(BufferOption option) {
        String name = OptionSources.adapterPropertyName(option);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    @ParameterizedTest
    @EnumSource(BufferOption.class)
    void everyOptionHasADefaultPropertyThatRoundTripsTrimmed(BufferOption option) throws Exception {
        PartitionedBufferResourceAdapter adapter = new PartitionedBufferResourceAdapter();

        setter(option).invoke(adapter, "  value-of-" + option.key() + " ");

        assertEquals("value-of-" + option.key(), getter(option).invoke(adapter));
    }

    @ParameterizedTest
    @EnumSource(BufferOption.class)
    void aBlankOrNullDefaultIsUnsetAndTheGetterShowsTheBuiltInOne(BufferOption option) throws Exception {
        PartitionedBufferResourceAdapter adapter = new PartitionedBufferResourceAdapter();
        String builtIn = BUILT_IN.get(option.key()).isEmpty() ? null : BUILT_IN.get(option.key());
        assertEquals(builtIn, getter(option).invoke(adapter), "what the admin console shows before anything is set");
        setter(option).invoke(adapter, "1");

        setter(option).invoke(adapter, "  ");
        assertEquals(builtIn, getter(option).invoke(adapter));

        setter(option).invoke(adapter, "1");
        setter(option).invoke(adapter, (Object) null);
        assertEquals(builtIn, getter(option).invoke(adapter));
        assertEquals(new PartitionedBufferResourceAdapter(), adapter);
    }

    @Test
    void adaptersWithTheSameConfigurationAreEqualWithEqualHashCodes() {
        PartitionedBufferResourceAdapter first = new PartitionedBufferResourceAdapter();
        PartitionedBufferResourceAdapter second = new PartitionedBufferResourceAdapter();
        assertEquals(first, second);
        assertEquals(first.hashCode(), second.hashCode());

        first.setDefaultProcessingIntervalMs("100");
        first.setDefaultCapacity("10");
        second.setDefaultCapacity(" 10");
        second.setDefaultProcessingIntervalMs("100 ");

        assertEquals(first, second);
        assertEquals(first.hashCode(), second.hashCode());
    }

    @Test
    void adaptersWithDifferentConfigurationsDiffer() {
        PartitionedBufferResourceAdapter first = new PartitionedBufferResourceAdapter();
        PartitionedBufferResourceAdapter second = new PartitionedBufferResourceAdapter();
        first.setDefaultProcessingIntervalMs("100");
        second.setDefaultProcessingIntervalMs("200");

        assertNotEquals(first, second);
        assertNotEquals(first, new PartitionedBufferResourceAdapter());
        assertNotEquals(first, "an adapter");
    }

    @Test
    void theSameValueForDifferentOptionsIsADifferentConfiguration() {
        PartitionedBufferResourceAdapter first = new PartitionedBufferResourceAdapter();
        PartitionedBufferResourceAdapter second = new PartitionedBufferResourceAdapter();
        first.setDefaultMaxRetries("5");
        second.setDefaultFlushThreshold("5");

        assertNotEquals(first, second);
    }

    @Test
    void startingDoesNotChangeEquality() throws Exception {
        PartitionedBufferResourceAdapter running = new PartitionedBufferResourceAdapter();
        running.setDefaultPartitions("2");
        PartitionedBufferResourceAdapter idle = new PartitionedBufferResourceAdapter();
        idle.setDefaultPartitions("2");

        try (StartedAdapter ignored = new StartedAdapter(running)) {
            assertEquals(idle, running);
            assertEquals(idle.hashCode(), running.hashCode());
        }
        assertTrue(running.equals(idle));
    }
}
