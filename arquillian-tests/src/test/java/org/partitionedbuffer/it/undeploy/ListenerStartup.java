package org.partitionedbuffer.it.undeploy;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.List;

/** Records {@code deployed <deployment>} when the listener application starts. */
@Singleton
@Startup
public class ListenerStartup {
    @PostConstruct
    void started() {
        Recorder.append(List.of("deployed " + Recorder.DEPLOYMENT));
    }
}
