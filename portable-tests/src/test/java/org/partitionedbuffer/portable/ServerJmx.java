package org.partitionedbuffer.portable;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The adapter's MBeans in a running server, as JConsole or VisualVM reach them on the same machine: the JDK's attach
 * API starts the server JVM's local management agent, whatever the server. One MBean per buffer,
 * {@code org.partitionedbuffer:type=Buffer,name=<buffer>}.
 */
public final class ServerJmx implements AutoCloseable {

    private static final String BUFFERS = "org.partitionedbuffer:type=Buffer,name=*";

    private final JMXConnector connector;
    private final MBeanServerConnection mbeans;

    private ServerJmx(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.mbeans = connector.getMBeanServerConnection();
    }

    /** Connects to the JVM of process {@code pid} (same user, same machine). */
    public static ServerJmx attach(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
        try {
            String address = vm.startLocalManagementAgent();
            return new ServerJmx(JMXConnectorFactory.connect(new JMXServiceURL(address)));
        } finally {
            vm.detach();
        }
    }

    /** The names of the buffers with an MBean. */
    public Set<ObjectName> buffers() throws IOException, JMException {
        return mbeans.queryNames(new ObjectName(BUFFERS), null);
    }

    /** An attribute of a buffer's MBean ({@code Size}, {@code Inserted}, ...). */
    public Object attribute(String buffer, String attribute) throws IOException, JMException {
        return mbeans.getAttribute(new ObjectName("org.partitionedbuffer:type=Buffer,name=" + buffer), attribute);
    }

    /** Calls {@code flush()} on every buffer's MBean: each partition delivers what it holds now. */
    public void flushAll() throws IOException, JMException {
        for (ObjectName buffer : buffers()) {
            mbeans.invoke(buffer, "flush", new Object[0], new String[0]);
        }
    }

    /**
     * Calls {@code flushAndWait} on every buffer's MBean, giving each what remains of {@code timeout}; fails naming
     * the buffers that did not deliver everything in time.
     */
    public void flushAndWaitAll(Duration timeout) throws IOException, JMException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> late = new ArrayList<>();
        for (ObjectName buffer : buffers()) {
            long remainingMs = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
            Object done = mbeans.invoke(buffer, "flushAndWait", new Object[] {remainingMs}, new String[] {"long"});
            if (!Boolean.TRUE.equals(done)) {
                late.add(buffer.getKeyProperty("name"));
            }
        }
        if (!late.isEmpty()) {
            throw new IllegalStateException("not delivered within " + timeout + ": " + late);
        }
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
