package org.partitionedbuffer.ra;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.ConfigProperty;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.management.MBeanAttributeInfo;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.core.BufferOption;
import org.partitionedbuffer.ra.admin.BufferMBean;
import org.partitionedbuffer.ra.inbound.BufferActivationSpec;

/*
 * Containers find an option's properties by reflection, so every option descriptor needs its methods written out:
 * a String property on the activation spec, a default<Option> config property on the resource adapter, and, for an
 * option that can change at runtime, a read-write attribute of the buffer's MBean. A new option without them fails
 * here, with the missing methods named.
 */
class OptionPropertiesTest {

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** "name(parameter types) returning type": what is missing, as a user would write it. */
    private static String signature(String name, Class<?> returns, Class<?>... parameters) {
        return returns.getSimpleName() + " " + name + "("
                + Arrays.stream(parameters).map(Class::getSimpleName).collect(Collectors.joining(", ")) + ")";
    }

    /** The public method {@code name(parameters)} returning {@code returns}, or null. */
    private static Method find(Class<?> type, String name, Class<?> returns, Class<?>... parameters) {
        try {
            Method method = type.getMethod(name, parameters);
            return Modifier.isPublic(method.getModifiers()) && method.getReturnType() == returns ? method : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** Adds to {@code missing} the JavaBean pair of the String property {@code property}, where absent. */
    private static void requirePair(Class<?> type, String property, List<String> missing) {
        String getter = "get" + capitalized(property);
        String setter = "set" + capitalized(property);
        if (find(type, getter, String.class) == null) {
            missing.add(signature(getter, String.class));
        }
        if (find(type, setter, void.class, String.class) == null) {
            missing.add(signature(setter, void.class, String.class));
        }
    }

    @Test
    void theActivationSpecHasAStringPropertyForEveryOption() {
        List<String> missing = new ArrayList<>();
        for (BufferOption option : BufferOption.values()) {
            requirePair(BufferActivationSpec.class, option.key(), missing);
        }

        assertTrue(missing.isEmpty(), "BufferActivationSpec lacks the activation property methods " + missing);
    }

    @Test
    void theResourceAdapterHasADefaultConfigPropertyForEveryOption() {
        List<String> missing = new ArrayList<>();
        for (BufferOption option : BufferOption.values()) {
            String property = OptionSources.adapterPropertyName(option);
            requirePair(PartitionedBufferResourceAdapter.class, property, missing);
            Method setter = find(PartitionedBufferResourceAdapter.class, "set" + capitalized(property), void.class,
                    String.class);
            Method getter = find(PartitionedBufferResourceAdapter.class, "get" + capitalized(property), String.class);
            boolean annotated = setter != null && setter.isAnnotationPresent(ConfigProperty.class)
                    || getter != null && getter.isAnnotationPresent(ConfigProperty.class);
            if (setter != null && !annotated) {
                missing.add("@ConfigProperty on " + signature(setter.getName(), void.class, String.class));
            }
        }

        assertTrue(missing.isEmpty(), "PartitionedBufferResourceAdapter lacks " + missing);
    }

    @Test
    void theBufferMBeansWritableAttributesAreExactlyTheRuntimeChangeableOptions() throws NotCompliantMBeanException {
        Set<String> runtimeChangeable = Arrays.stream(BufferOption.values()).filter(BufferOption::runtimeChangeable)
                .map(option -> capitalized(option.key())).collect(Collectors.toCollection(TreeSet::new));

        Set<String> writable = new TreeSet<>();
        for (MBeanAttributeInfo attribute : mbeanInfoOfBufferMBean()) {
            if (attribute.isWritable()) {
                assertTrue(attribute.isReadable(), "BufferMBean attribute " + attribute.getName() + " is write-only");
                writable.add(attribute.getName());
            }
        }

        Set<String> missing = new TreeSet<>(runtimeChangeable);
        missing.removeAll(writable);
        Set<String> extra = new TreeSet<>(writable);
        extra.removeAll(runtimeChangeable);
        assertAll(
                () -> assertEquals(Set.of(), missing, "BufferMBean has no read-write attribute (getX and setX) for"
                        + " these runtime-changeable options"),
                () -> assertEquals(Set.of(), extra, "BufferMBean lets JMX write these attributes, which are no"
                        + " runtime-changeable option"));
    }

    /** The attributes JMX sees on a buffer's MBean: introspected from the interface, as the MBean server does. */
    private static MBeanAttributeInfo[] mbeanInfoOfBufferMBean() throws NotCompliantMBeanException {
        BufferMBean nothing = (BufferMBean) Proxy.newProxyInstance(BufferMBean.class.getClassLoader(),
                new Class<?>[] {BufferMBean.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        return new StandardMBean(nothing, BufferMBean.class).getMBeanInfo().getAttributes();
    }
}
