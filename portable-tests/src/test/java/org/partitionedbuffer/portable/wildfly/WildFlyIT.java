package org.partitionedbuffer.portable.wildfly;

import java.nio.file.Path;
import org.partitionedbuffer.portable.PortableSuite;
import org.partitionedbuffer.portable.ServerUnderTest;

/** The portable suite on WildFly standalone.xml, configured with jboss-cli as the README says. */
class WildFlyIT extends PortableSuite {

    @Override
    protected ServerUnderTest createServer(Path target) throws Exception {
        return WildFlyServer.create(Path.of(System.getProperty("it.wildflyHome", "target/wildfly")), target);
    }
}
