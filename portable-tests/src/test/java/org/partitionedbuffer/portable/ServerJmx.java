package org.partitionedbuffer.portable;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The adapter's MBeans in a running server, as JConsole or VisualVM reach them on the same machine: the JDK's attach
 * API starts the server JVM's management agent on 127.0.0.1, whatever the server. One MBean per buffer,
 * {@code org.partitionedbuffer:type=Buffer,name=<buffer>}.
 */
public final class ServerJmx implements AutoCloseable {

    private static final String BUFFERS = "org.partitionedbuffer:type=Buffer,name=*";
    /** The agent started in each server JVM, by PID: a JVM starts its agent once, later attaches reuse it. */
    private static final Map<Long, JMXServiceURL> AGENTS = new ConcurrentHashMap<>();

    private final JMXConnector connector;
    private final MBeanServerConnection mbeans;

    private ServerJmx(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.mbeans = connector.getMBeanServerConnection();
    }

    /**
     * Connects to the JVM of process {@code pid} (same user, same machine). The JDK's local agent would listen on every
     * interface; this starts the remote agent instead, on one free port of 127.0.0.1 only, without authentication
     * (reachable from this machine alone), as {@code jcmd PID ManagementAgent.start} would.
     */
    public static ServerJmx attach(long pid) throws Exception {
        JMXServiceURL address = AGENTS.get(pid);
        if (address == null) {
            address = startAgent(pid);
            AGENTS.put(pid, address);
        }
        return new ServerJmx(JMXConnectorFactory.connect(address));
    }

    private static JMXServiceURL startAgent(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
        try {
            int port = freePort();
            Properties agent = new Properties();
            agent.setProperty("com.sun.management.jmxremote.port", String.valueOf(port));
            agent.setProperty("com.sun.management.jmxremote.rmi.port", String.valueOf(port));
            agent.setProperty("com.sun.management.jmxremote.host", "127.0.0.1");
            agent.setProperty("com.sun.management.jmxremote.authenticate", "false");
            agent.setProperty("com.sun.management.jmxremote.ssl", "false");
            vm.startManagementAgent(agent);
            return new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        } finally {
            vm.detach();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
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
