package org.partitionedbuffer.portable.glassfish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
 * properties in domain.xml, and one-line records in logging.properties.
 *
 * <p>Why files and not {@code asadmin set} / {@code create-jvm-options}: those need a running server, whose listeners
 * would be on 0.0.0.0 until a restart. The equivalent commands for a running domain are in docs/GLASSFISH-FACTS.md.
 */
final class FirstStartConfiguration {

    static final String LOOPBACK = "127.0.0.1";

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
        oneLineLogRecords(domain.resolve("config/logging.properties"));
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

    /** server.log's records on one line each (ODL's default puts the message on the lines below its header). */
    private static void oneLineLogRecords(Path loggingProperties) throws IOException {
        String multiline = "org.glassfish.main.jul.handler.GlassFishLogHandler.formatter.multiline=";
        String properties = Files.readString(loggingProperties, StandardCharsets.ISO_8859_1);
        if (!properties.contains(multiline + "true")) {
            throw new IllegalStateException("no " + multiline + "true in " + loggingProperties);
        }
        Files.writeString(loggingProperties, properties.replace(multiline + "true", multiline + "false"),
                StandardCharsets.ISO_8859_1);
    }
}
