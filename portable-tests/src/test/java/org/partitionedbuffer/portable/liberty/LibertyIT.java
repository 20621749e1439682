package org.partitionedbuffer.portable.liberty;

import java.nio.file.Path;
import org.partitionedbuffer.portable.PortableSuite;
import org.partitionedbuffer.portable.ServerUnderTest;

/** The portable suite on Open Liberty, configured in server.xml and driven with bin/server. */
class LibertyIT extends PortableSuite {

    @Override
    protected ServerUnderTest createServer(Path target) throws Exception {
        return LibertyServer.create(Path.of(System.getProperty("it.libertyHome", "target/wlp")), target);
    }
}
