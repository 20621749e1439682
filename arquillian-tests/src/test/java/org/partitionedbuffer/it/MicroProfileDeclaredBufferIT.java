package org.partitionedbuffer.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.naming.InitialContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.it.app.Buffers;

/**
 * A buffer declared only in MicroProfile Config (JVM system properties of the server, container
 * {@code payara-micro-declared}) exists from the adapter's start and keeps what it is given while no message-driven
 * bean listens (this application has none); and a connection factory created by asadmin is found by JNDI look-up.
 */
@ExtendWith(ArquillianExtension.class)
class MicroProfileDeclaredBufferIT {

    private static final String DECLARED = "it-declared";
    /** Created by create-connector-resource in postboot-declared.asadmin. */
    private static final String ASADMIN_JNDI = "jca/it-asadmin-buffers";

    @Deployment
    @TargetsContainer("payara-micro-declared")
    static WebArchive application() {
        return TestArchives.war("declared-it", "", Buffers.class);
    }

    @Resource(lookup = Buffers.JNDI)
    private BufferConnectionFactory buffers;

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    private final ObjectName declared = BufferMBeanNames.of(DECLARED);

    @Test
    void aBufferDeclaredOnlyInMicroProfileConfigExistsWithTheDeclaredOptionsAndNoMessageDrivenBean() throws Exception {
        assertTrue(jmx.isRegistered(declared), "the MBean of the declared buffer");
        assertEquals("queue", jmx.getAttribute(declared, "BufferType"));
        assertEquals(100L, jmx.getAttribute(declared, "ProcessingIntervalMs"), "from the system property");
        assertEquals(1000L, jmx.getAttribute(declared, "RetryBackoffMs"), "not declared: the engine default");
    }

    @Test
    void pushesToADeclaredBufferWithoutListenerAreAcceptedAndKept() throws Exception {
        long sizeBefore = attribute("Size");
        long insertedBefore = attribute("Inserted");
        List<String> items = IntStream.range(0, 40).mapToObj(i -> "kept-" + i).toList();

        try (BufferConnection connection = buffers.getConnection()) {
            connection.pushAll(DECLARED, items.subList(0, 30));
            items.subList(30, 40).forEach(item -> connection.push(DECLARED, item));
            assertEquals(sizeBefore + 40, connection.size(DECLARED));
        }

        // Many 100 ms intervals pass: with no listener nothing is drained, dropped or counted as processed.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> attribute("Size") == sizeBefore + 40 && attribute("Processed") == 0
                        && attribute("Failures") == 0);
        assertEquals(insertedBefore + 40, attribute("Inserted"));
    }

    @Test
    void aConnectionFactoryCreatedWithAsadminIsFoundByLookupAndServesPushAndSize() throws Exception {
        Object found = new InitialContext().lookup(ASADMIN_JNDI);
        BufferConnectionFactory factory = assertInstanceOf(BufferConnectionFactory.class, found);

        try (BufferConnection connection = factory.getConnection()) {
            long before = connection.size(DECLARED);
            connection.push(DECLARED, "through-asadmin");
            assertEquals(before + 1, connection.size(DECLARED));
            assertEquals(before + 1, attribute("Size"), "the same buffer as the MBean's");
        }
    }

    private long attribute(String name) throws Exception {
        return ((Number) jmx.getAttribute(declared, name)).longValue();
    }
}
