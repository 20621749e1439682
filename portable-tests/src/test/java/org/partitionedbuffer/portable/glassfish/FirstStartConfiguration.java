package org.partitionedbuffer.portable.glassfish;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Properties;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What a domain fresh from {@code asadmin create-domain} needs before its first start, written into its files the way
 * an administrator edits them: every listener of {@code server-config} on 127.0.0.1 and the tests' JVM system
 * properties in domain.xml, and a second log file in logging.properties ({@link #PLAIN_LOG}).
 *
 * <p>Why files and not {@code asadmin set} / {@code create-jvm-options}: those need a running server, whose listeners
 * would be on 0.0.0.0 until a restart. The equivalent commands for a running domain are in docs/GLASSFISH-FACTS.md.
 */
final class FirstStartConfiguration {

    static final String LOOPBACK = "127.0.0.1";
    /** The domain's log written by the JDK's own FileHandler, one line per record: see {@link #addPlainLog}. */
    static final String PLAIN_LOG = "logs/plain.log";

    private FirstStartConfiguration() {
    }

    /** Edits {@code domain}'s config/domain.xml and config/logging.properties. */
    static void write(Path domain, Map<String, String> systemProperties) throws Exception {
        Path domainXml = domain.resolve("config/domain.xml");
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(domainXml.toFile());
        Element config = (Element) XPathFactory.newInstance().newXPath()
                .evaluate("/domain/configs/config[@name='server-config']", document, XPathConstants.NODE);
        bindToLoopback(config);
        addJvmOptions(config, systemProperties);
        var transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        transformer.transform(new DOMSource(document), new StreamResult(domainXml.toFile()));
        addPlainLog(domain);
    }

    /**
     * HTTP, HTTPS and admin listeners (no address attribute: all interfaces), the three IIOP listeners and the JMX
     * connector (0.0.0.0 in the template), and the embedded OpenMQ broker: its lazy listener binds the jms-host's host
     * ("localhost" means 0.0.0.0 to GlassFish), and the broker, once a client starts it, binds imq.hostname. The
     * created domain has no jms-service yet (the server adds one at its first start), so it is written here.
     */
    private static void bindToLoopback(Element config) {
        for (String listener : new String[] {"network-listener", "iiop-listener", "jmx-connector"}) {
            NodeList elements = config.getElementsByTagName(listener);
            for (int i = 0; i < elements.getLength(); i++) {
                ((Element) elements.item(i)).setAttribute("address", LOOPBACK);
            }
        }
        if (config.getElementsByTagName("jms-service").getLength() > 0) {
            throw new IllegalStateException("domain.xml already has a jms-service: this create-domain differs from"
                    + " GlassFish 7.0.20's; bind its jms-host and broker to " + LOOPBACK + " here");
        }
        Document document = config.getOwnerDocument();
        Element jmsService = document.createElement("jms-service");
        jmsService.setAttribute("type", "EMBEDDED");
        jmsService.setAttribute("default-jms-host", "default_JMS_host");
        Element jmsHost = document.createElement("jms-host");
        jmsHost.setAttribute("name", "default_JMS_host");
        jmsHost.setAttribute("host", LOOPBACK);
        jmsHost.setAttribute("port", "${JMS_PROVIDER_PORT}");
        jmsService.appendChild(jmsHost);
        Element brokerAddress = document.createElement("property");
        brokerAddress.setAttribute("name", "imq.hostname");
        brokerAddress.setAttribute("value", LOOPBACK);
        jmsService.appendChild(brokerAddress);
        config.appendChild(jmsService);
    }

    private static void addJvmOptions(Element config, Map<String, String> systemProperties) {
        Element javaConfig = (Element) config.getElementsByTagName("java-config").item(0);
        systemProperties.forEach((key, value) -> {
            Element option = config.getOwnerDocument().createElement("jvm-options");
            option.setTextContent("-D" + key + "=" + value);
            javaConfig.appendChild(option);
        });
    }

    /**
     * A {@code java.util.logging.FileHandler} beside GlassFish's own handlers. GlassFish 7.0.20's server.log is written
     * by a thread of its GlassFishLogHandler that the handler starts before it marks itself ready; when the thread looks
     * first, it ends at once, and from then on every record waits in the handler's buffer (seen in about one start in
     * five here; docs/GLASSFISH-FACTS.md). The JDK's handler writes each record as it comes. The properties are
     * appended: in a properties file the last {@code handlers} line wins.
     */
    private static void addPlainLog(Path domain) throws IOException {
        Path loggingProperties = domain.resolve("config/logging.properties");
        Properties current = new Properties();
        try (Reader reader = Files.newBufferedReader(loggingProperties, StandardCharsets.ISO_8859_1)) {
            current.load(reader);
        }
        String handlers = current.getProperty("handlers");
        if (handlers == null || !handlers.contains("GlassFishLogHandler")) {
            throw new IllegalStateException("no GlassFishLogHandler in " + loggingProperties + ": " + handlers);
        }
        String plainLog = domain.resolve(PLAIN_LOG).toAbsolutePath().toString();
        Files.writeString(loggingProperties, String.join("\n", "",
                "# The portable suite: a log written record by record (GlassFishLogHandler may stop writing server.log)",
                "handlers=" + handlers + ",java.util.logging.FileHandler",
                "java.util.logging.FileHandler.pattern=" + plainLog,
                "java.util.logging.FileHandler.append=true",
                "java.util.logging.FileHandler.level=INFO",
                "java.util.logging.FileHandler.encoding=UTF-8",
                "java.util.logging.FileHandler.formatter=java.util.logging.SimpleFormatter",
                "java.util.logging.SimpleFormatter.format=%1$tFT%1$tT.%1$tL %4$s [%3$s] %5$s%6$s%n",
                ""), StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND);
    }
}
