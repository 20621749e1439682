package org.partitionedbuffer.portable;

import java.nio.file.Path;
import java.util.List;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.partitionedbuffer.portable.app.BufferServlet;
import org.partitionedbuffer.portable.app.ConfiguredBean;
import org.partitionedbuffer.portable.app.DeadLetterBean;
import org.partitionedbuffer.portable.app.DeliveryLog;
import org.partitionedbuffer.portable.app.FailingBean;
import org.partitionedbuffer.portable.app.LatestBean;
import org.partitionedbuffer.portable.app.QueueBean;
import org.partitionedbuffer.portable.app.Reading;
import org.partitionedbuffer.portable.app.SlowBean;

/**
 * The one WAR every server gets: the app package, its MicroProfile Config file, and the descriptors WildFly and
 * GlassFish need (each server ignores the others'). What Open Liberty needs lives in server.xml, as its users write it;
 * see {@code LibertyServer}.
 */
public final class TestApplication {

    /** The application's name and context root, and its archive's name without {@code .war}. */
    public static final String NAME = "buffers-app";

    /** The message-driven beans' names (their simple class names), for servers that configure each bean. */
    public static final List<String> BEANS = List.of(QueueBean.class.getSimpleName(),
            LatestBean.class.getSimpleName(), ConfiguredBean.class.getSimpleName(),
            FailingBean.class.getSimpleName(), DeadLetterBean.class.getSimpleName(), SlowBean.class.getSimpleName());

    /** WildFly: the application sees the RAR's classes (the API) through a module dependency. */
    static final String JBOSS_DEPLOYMENT_STRUCTURE = """
            <jboss-deployment-structure xmlns="urn:jboss:deployment-structure:1.3">
                <deployment>
                    <dependencies>
                        <module name="deployment.partitioned-buffer.rar"/>
                    </dependencies>
                </deployment>
            </jboss-deployment-structure>
            """;

    /** WildFly: every bean bound to the adapter (WildFly ignores the resourceAdapter activation property). */
    static final String JBOSS_EJB3 = """
            <ejb-jar xmlns="urn:jboss:jakartaee:1.0" xmlns:jakartaee="https://jakarta.ee/xml/ns/jakartaee"
                     xmlns:mdb="urn:resource-adapter-binding:2.0" version="4.0">
                <jakartaee:assembly-descriptor>
                    <mdb:resource-adapter-binding>
                        <jakartaee:ejb-name>*</jakartaee:ejb-name>
                        <mdb:resource-adapter-name>partitioned-buffer.rar</mdb:resource-adapter-name>
                    </mdb:resource-adapter-binding>
                </jakartaee:assembly-descriptor>
            </ejb-jar>
            """;

    /**
     * GlassFish (and Payara): each bean names its adapter. GlassFish gives an application a standalone RAR's classes
     * only when the application refers to it; without this, "BufferConnectionFactory] is not an allowed property value
     * type".
     */
    static final String GLASSFISH_EJB_JAR = glassFishEjbJar();

    private static String glassFishEjbJar() {
        StringBuilder beans = new StringBuilder();
        for (String bean : BEANS) {
            beans.append("        <ejb>\n            <ejb-name>").append(bean).append("</ejb-name>\n")
                    .append("            <mdb-resource-adapter><resource-adapter-mid>partitioned-buffer")
                    .append("</resource-adapter-mid></mdb-resource-adapter>\n        </ejb>\n");
        }
        return "<glassfish-ejb-jar>\n    <enterprise-beans>\n" + beans + "    </enterprise-beans>\n</glassfish-ejb-jar>\n";
    }

    private TestApplication() {
    }

    static WebArchive archive() {
        return ShrinkWrap.create(WebArchive.class, NAME + ".war")
                .addClasses(Reading.class, DeliveryLog.class, BufferServlet.class, QueueBean.class, LatestBean.class,
                        ConfiguredBean.class, FailingBean.class, DeadLetterBean.class, SlowBean.class)
                .addAsResource(new StringAsset(ConfiguredBean.CONFIG), "META-INF/microprofile-config.properties")
                .addAsWebInfResource(new StringAsset(JBOSS_DEPLOYMENT_STRUCTURE), "jboss-deployment-structure.xml")
                .addAsWebInfResource(new StringAsset(JBOSS_EJB3), "jboss-ejb3.xml")
                .addAsWebInfResource(new StringAsset(GLASSFISH_EJB_JAR), "glassfish-ejb-jar.xml");
    }

    /** Writes the WAR to {@code directory} and returns its path. */
    public static Path exportTo(Path directory) {
        Path war = directory.resolve(NAME + ".war");
        archive().as(ZipExporter.class).exportTo(war.toFile(), true);
        return war;
    }
}
