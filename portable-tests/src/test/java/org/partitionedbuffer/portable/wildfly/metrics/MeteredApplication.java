package org.partitionedbuffer.portable.wildfly.metrics;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.partitionedbuffer.micrometer.PartitionedBufferMeters;
import org.partitionedbuffer.portable.app.BufferServlet;
import org.partitionedbuffer.portable.app.Reading;

/**
 * A WAR as a WildFly user writes one to get the buffers' meters: a servlet pushing through the injected factory, the
 * listener of {@value MeteredBean#BUFFER} or not, and {@code partitioned-buffer-micrometer} in WEB-INF/lib, with
 * WildFly's descriptors as the portable suite's application has them. The listening one has the portable suite's
 * servlet, the other {@link PushingServlet} (a factory of another name).
 */
public final class MeteredApplication {

    /** The application with the bean: its name, context root and {@code application} tag; the archive is NAME.war. */
    public static final String LISTENING = "metered-app";
    /** An application that only pushes into the same buffer. */
    public static final String PUSHING = "pushing-app";

    /** The application sees the RAR's classes (the API) through a module dependency. */
    private static final String JBOSS_DEPLOYMENT_STRUCTURE = """
            <jboss-deployment-structure xmlns="urn:jboss:deployment-structure:1.3">
                <deployment>
                    <dependencies>
                        <module name="deployment.partitioned-buffer.rar"/>
                    </dependencies>
                </deployment>
            </jboss-deployment-structure>
            """;

    /** The bean bound to the adapter (WildFly ignores the resourceAdapter activation property). */
    private static final String JBOSS_EJB3 = """
            <ejb-jar xmlns="urn:jboss:jakartaee:1.0" xmlns:jakartaee="https://jakarta.ee/xml/ns/jakartaee"
                     xmlns:mdb="urn:resource-adapter-binding:2.0" version="4.0">
                <jakartaee:assembly-descriptor>
                    <mdb:resource-adapter-binding>
                        <jakartaee:ejb-name>MeteredBean</jakartaee:ejb-name>
                        <mdb:resource-adapter-name>partitioned-buffer.rar</mdb:resource-adapter-name>
                    </mdb:resource-adapter-binding>
                </jakartaee:assembly-descriptor>
            </ejb-jar>
            """;

    private MeteredApplication() {
    }

    /** Writes {@code name}.war, with {@link MeteredBean} when {@code listening}, to {@code directory}. */
    public static Path exportTo(Path directory, String name, boolean listening) throws Exception {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClass(Reading.class)
                .addAsLibrary(micrometerJar())
                .addAsWebInfResource(new StringAsset(JBOSS_DEPLOYMENT_STRUCTURE), "jboss-deployment-structure.xml");
        if (listening) {
            war.addClasses(BufferServlet.class, MeteredBean.class)
                    .addAsWebInfResource(new StringAsset(JBOSS_EJB3), "jboss-ejb3.xml");
        } else {
            war.addClass(PushingServlet.class);
        }
        Path file = directory.resolve(name + ".war");
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    /**
     * The jar the build made of the micrometer module, as the test's class path has it: the jar itself, or (when the
     * build stopped before packaging) its classes directory, packed as the jar would be.
     */
    private static JavaArchive micrometerJar() throws URISyntaxException {
        Path built = Path.of(PartitionedBufferMeters.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(built)) {
            return ShrinkWrap.create(JavaArchive.class, "partitioned-buffer-micrometer.jar")
                    .as(ExplodedImporter.class).importDirectory(built.toFile()).as(JavaArchive.class);
        }
        return ShrinkWrap.createFromZipFile(JavaArchive.class, built.toFile());
    }
}
