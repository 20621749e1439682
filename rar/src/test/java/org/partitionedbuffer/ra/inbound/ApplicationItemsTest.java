package org.partitionedbuffer.ra.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.api.BufferEntry;
import org.partitionedbuffer.core.Deployments;
import org.partitionedbuffer.core.ItemNotCarriedException;
import org.partitionedbuffer.ra.inbound.deployment.Order;

/*
 * Items reach a bean as instances of classes its application sees: JDK types and its own classes as they are,
 * another deployment's instances as copies made through its class loader, and what cannot be copied is refused with
 * a message naming the class and the fix.
 */
class ApplicationItemsTest {

    private static final String PACKAGE = Order.class.getPackageName() + ".";

    private final ClassLoader oldDeployment = Deployments.deploy(Order.class);
    private final ClassLoader newDeployment = Deployments.deploy(Order.class);
    private final ApplicationItems items = new ApplicationItems(newDeployment, "message-driven bean OrderWriter");

    private static Object instance(ClassLoader deployment, String simpleName, Object... arguments) throws Exception {
        Class<?> type = deployment.loadClass(PACKAGE + simpleName);
        return type.getConstructors()[0].newInstance(arguments);
    }

    @Test
    void jdkTypesAndTheApplicationsOwnInstancesAreHandedOverAsTheyAre() throws Exception {
        Object own = instance(newDeployment, "Order", "o-1", 2);
        List<Object> strings = List.of("a", 1, Map.of("k", "v"));

        assertSame(own, items.carry(own));
        assertSame(strings, items.carry(strings));
        assertSame(strings.get(0), items.carry(strings.get(0)));
    }

    @Test
    void anotherDeploymentsInstanceBecomesACopyOfTheApplicationsClass() throws Exception {
        Object old = instance(oldDeployment, "Order", "o-1", 2);

        Object carried = items.carry(old);

        assertNotSame(old, carried);
        assertSame(newDeployment.loadClass(Order.class.getName()), carried.getClass());
        assertEquals(old.toString(), carried.toString());
    }

    @Test
    void foreignInstancesInsideJdkContainersAndMapEntriesAreCopiedToo() throws Exception {
        Object old = instance(oldDeployment, "Order", "o-2", 1);
        Class<?> own = newDeployment.loadClass(Order.class.getName());

        Object list = items.carry(List.of("x", old));
        BufferEntry entry = (BufferEntry) items.carry(new BufferEntry("o-2", old, 7, 1));

        assertSame(own, ((List<?>) list).get(1).getClass());
        assertSame(own, entry.value().getClass());
        assertEquals(List.of("o-2", 7L, 1L), List.of(entry.key(), entry.version(), entry.updates()));
    }

    @Test
    void anInstanceThatCannotBeSerializedIsRefusedNamingItsClassAndTheFix() throws Exception {
        Object old = instance(oldDeployment, "Unserializable", "u-1");

        ItemNotCarriedException refused = assertThrows(ItemNotCarriedException.class, () -> items.carry(old));

        assertTrue(refused.getMessage().contains(PACKAGE + "Unserializable"), refused.getMessage());
        assertTrue(refused.getMessage().contains("message-driven bean OrderWriter"), refused.getMessage());
        assertTrue(refused.getMessage().contains("make it Serializable"), refused.getMessage());
    }

    @Test
    void aClassTheApplicationDoesNotHaveIsRefusedNamingIt() throws Exception {
        ApplicationItems elsewhere = new ApplicationItems(new URLClassLoader(new URL[0],
                ClassLoader.getPlatformClassLoader()), "message-driven bean Other");
        Object old = instance(oldDeployment, "Order", "o-3", 1);

        ItemNotCarriedException refused = assertThrows(ItemNotCarriedException.class, () -> elsewhere.carry(old));

        assertTrue(refused.getMessage().contains("has no class " + Order.class.getName()), refused.getMessage());
    }
}
