package org.partitionedbuffer.it;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** The contract's JMX name of a buffer's MBean, for tests that read or drive a buffer through JMX. */
final class BufferMBeanNames {

    private BufferMBeanNames() {
    }

    /** {@code org.partitionedbuffer:type=Buffer,name=<buffer>}. */
    static ObjectName of(String buffer) {
        try {
            return new ObjectName("org.partitionedbuffer:type=Buffer,name=" + buffer);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("Not a buffer name usable in JMX: " + buffer, e);
        }
    }
}
