package org.partitionedbuffer.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

// On a server without a MicroProfile Config implementation (as on this test classpath, which has only the API),
// reading buffer options finds nothing and declares no buffer, instead of failing the adapter.
class MicroProfileOptionsTest {

    private static final ClassLoader LOADER = MicroProfileOptionsTest.class.getClassLoader();

    @Test
    void thisClasspathHasNoMicroProfileConfigImplementation() {
        // The premise of the other tests: the API alone cannot give a Config.
        assertThrows(RuntimeException.class, () -> ConfigProvider.getConfig(LOADER));
    }

    @Test
    void withoutAnImplementationNoOptionIsFound() {
        assertEquals(Optional.empty(), MicroProfileOptions.seenBy(LOADER).apply("partitionedbuffer.orders.partitions"));
    }

    @Test
    void withoutAnImplementationNoBufferIsDeclared() {
        assertTrue(MicroProfileOptions.declaredBuffers(LOADER).isEmpty());
    }
}
