package org.partitionedbuffer.ra.admin;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.partitionedbuffer.core.PartitionedBuffer;

/**
 * Registers one {@link BufferMBean} per buffer in the platform MBean server, where JConsole, VisualVM and the server's
 * monitoring find it, and unregisters it when the buffer goes.
 */
public final class BufferMBeans {

    private static final Logger LOG = Logger.getLogger(BufferMBeans.class.getName());

    private final MBeanServer server;
    private final Map<String, ObjectName> registered = new ConcurrentHashMap<>();

    public BufferMBeans() {
        this(ManagementFactory.getPlatformMBeanServer());
    }

    BufferMBeans(MBeanServer server) {
        this.server = server;
    }

    /** {@code org.partitionedbuffer:type=Buffer,name=<buffer>}, the name quoted only when it must be. */
    public static ObjectName objectName(String buffer) {
        try {
            return new ObjectName("org.partitionedbuffer:type=Buffer,name=" + buffer);
        } catch (MalformedObjectNameException e) {
            try {
                return new ObjectName("org.partitionedbuffer:type=Buffer,name=" + ObjectName.quote(buffer));
            } catch (MalformedObjectNameException impossible) {
                throw new IllegalArgumentException(impossible);
            }
        }
    }

    public void register(PartitionedBuffer buffer) {
        ObjectName name = objectName(buffer.name());
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name); // left over by an earlier deployment of the adapter
            }
            server.registerMBean(new StandardMBean(new BufferAdmin(buffer), BufferMBean.class), name);
            registered.put(buffer.name(), name);
        } catch (JMException e) {
            LOG.log(Level.WARNING, e, () -> "Buffer '" + buffer.name() + "': cannot register its MBean " + name);
        }
    }

    public void unregister(String buffer) {
        ObjectName name = registered.remove(buffer);
        if (name != null) {
            try {
                server.unregisterMBean(name);
            } catch (InstanceNotFoundException gone) {
                // already unregistered: nothing to do
            } catch (JMException e) {
                LOG.log(Level.WARNING, e, () -> "Cannot unregister MBean " + name);
            }
        }
    }

    public void unregisterAll() {
        registered.keySet().forEach(this::unregister);
    }
}
