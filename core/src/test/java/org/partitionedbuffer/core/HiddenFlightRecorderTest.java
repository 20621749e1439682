package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.api.BatchListener;
import org.partitionedbuffer.api.BufferFullException;

/**
 * The engine where the {@code jdk.jfr} module is hidden from it, as WildFly hides it from a deployment that does not
 * declare it: its own classes loaded again by a class loader that refuses {@code jdk.jfr}. Deliveries, inserts at
 * capacity and refusals work as everywhere; only the Flight Recorder events are not recorded.
 */
class HiddenFlightRecorderTest {

    /** Loads the engine's classes itself (child first) and refuses every {@code jdk.jfr} class. */
    private static final class WithoutFlightRecorder extends URLClassLoader {
        WithoutFlightRecorder(URL engineClasses) {
            super(new URL[] {engineClasses}, HiddenFlightRecorderTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("jdk.jfr.")) {
                throw new ClassNotFoundException(name + " (hidden, as a server may hide it)");
            }
            if (name.startsWith("org.partitionedbuffer.core.") && !name.contains("Test")) {
                synchronized (getClassLoadingLock(name)) {
                    Class<?> loaded = findLoadedClass(name);
                    return loaded != null ? loaded : findClass(name);
                }
            }
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void withoutJdkJfrEveryItemIsStillDeliveredAndAFullBufferStillRefusesCleanly() throws Exception {
        ScheduledExecutorService threads = Executors.newScheduledThreadPool(2);
        try (WithoutFlightRecorder loader = new WithoutFlightRecorder(
                PartitionedBuffer.class.getProtectionDomain().getCodeSource().getLocation())) {
            Class<?> options = loader.loadClass(BufferOptions.class.getName());
            Object builder = options.getMethod("builder", String.class).invoke(null, "hidden-jfr");
            Class<?> builderType = builder.getClass();
            builderType.getMethod("partitions", int.class).invoke(builder, 1);
            builderType.getMethod("processingIntervalMs", long.class).invoke(builder, 10L);
            builderType.getMethod("capacity", long.class).invoke(builder, 100L);
            Object built = builderType.getMethod("build").invoke(builder);
            Class<?> schedulerType = loader.loadClass(BufferScheduler.class.getName());
            Object scheduler = loader.loadClass(ExecutorBufferScheduler.class.getName())
                    .getConstructor(ScheduledExecutorService.class).newInstance(threads);
            Object buffer = loader.loadClass(PartitionedBuffer.class.getName())
                    .getMethod("create", options, schedulerType).invoke(null, built, scheduler);
            Field available = loader.loadClass(FlightRecorderEvents.class.getName()).getDeclaredField("AVAILABLE");
            available.setAccessible(true); // another class loader's package: package access does not reach it
            assertFalse(available.getBoolean(null), "the engine sees that jdk.jfr is hidden");
            List<Object> delivered = new CopyOnWriteArrayList<>();
            BatchListener listener = batch -> delivered.addAll(batch.items());
            buffer.getClass().getMethod("attach", BatchListener.class).invoke(buffer, listener);
            buffer.getClass().getMethod("start").invoke(buffer);
            Method push = buffer.getClass().getMethod("push", Object.class);

            for (int i = 0; i < 100; i++) {
                push.invoke(buffer, i);
            }
            InvocationTargetException refused = assertThrows(InvocationTargetException.class, () -> {
                for (int i = 100; i < 1_000; i++) {
                    push.invoke(buffer, i); // the drains make room for some; the buffer fills before 1,000
                }
            });

            assertInstanceOf(BufferFullException.class, refused.getCause(), "refused as at capacity, no linkage error");
            LifecycleBuffers.await().until(() -> (Long) buffer.getClass().getMethod("size").invoke(buffer) == 0
                    && delivered.size() == ((Number) inserted(buffer)).intValue());
            assertEquals(delivered.size(), ((Number) inserted(buffer)).intValue());
        } finally {
            threads.shutdownNow();
        }
    }

    private static Object inserted(Object buffer) throws Exception {
        Object statistics = buffer.getClass().getMethod("statistics").invoke(buffer);
        return statistics.getClass().getMethod("inserted").invoke(statistics);
    }
}
