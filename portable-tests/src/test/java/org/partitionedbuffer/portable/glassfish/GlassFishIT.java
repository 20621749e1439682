package org.partitionedbuffer.portable.glassfish;

import java.nio.file.Path;
import org.partitionedbuffer.portable.PortableSuite;
import org.partitionedbuffer.portable.ServerUnderTest;

/** The portable suite on a GlassFish 7 domain, configured and deployed with asadmin. */
class GlassFishIT extends PortableSuite {

    @Override
    protected ServerUnderTest createServer(Path target) throws Exception {
        return GlassFishServer.create(Path.of(System.getProperty("it.glassfishHome", "target/glassfish7")), target);
    }
}
