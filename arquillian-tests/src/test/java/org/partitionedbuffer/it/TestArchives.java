package org.partitionedbuffer.it;

import java.io.File;
import java.util.Objects;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Builds the test applications: a WAR with the given classes, the in-container libraries and MP Config. */
final class TestArchives {

    private TestArchives() {
    }

    /** The partitioned-buffer-metrics jar, as an application adds it to WEB-INF/lib. */
    static File metricsJar() {
        return new File(Objects.requireNonNull(System.getProperty("it.metricsJar"), "it.metricsJar"));
    }

    static WebArchive war(String name, String microProfileConfig, Class<?>... classes) {
        File libraries = new File(Objects.requireNonNull(System.getProperty("it.libs"), "it.libs"));
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(classes)
                .addClasses(TestArchives.class, BufferMBeanNames.class)
                .addAsLibraries(Objects.requireNonNull(libraries.listFiles(), "no libraries in " + libraries))
                .addAsResource(new StringAsset(microProfileConfig), "META-INF/microprofile-config.properties");
    }
}
