package org.partitionedbuffer.portable;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One application server from its distribution, driven the way its users drive it (its own CLI, configuration files
 * and stop command), for {@link PortableSuite}. An implementation starts one server process of its own, binds every
 * listener to 127.0.0.1, and stops only that process, by its PID.
 *
 * <p>Implementations do not take /tmp/pb-server.lock themselves: run the build under {@code flock}.
 */
public interface ServerUnderTest extends AutoCloseable {

    /** The server's name in reports and file names: {@code wildfly}, {@code glassfish}, {@code liberty}. */
    String name();

    /**
     * Starts the server with these JVM system properties, deploys {@code rar} and configures the server so that
     * applications can bind beans to it and see its API; returns once the adapter is deployed.
     */
    void startWithAdapter(Path rar, Map<String, String> systemProperties) throws Exception;

    /**
     * Deploys {@code war} as its users would, under the context root and application name {@link
     * TestApplication#NAME}, with whatever the server needs beside the archive (the test application already holds
     * every server's own descriptors). Returns once the application is deployed and its beans are activated.
     */
    void deploy(Path war) throws Exception;

    /** Undeploys the application deployed by {@link #deploy}; returns once it is gone. */
    void undeploy() throws Exception;

    /** The server's HTTP listener, e.g. {@code http://127.0.0.1:8080/}. */
    URI http();

    /**
     * Stops the server the way the README tells its users to (its own graceful stop command, and on Open Liberty a
     * flush over JMX first) and waits for its process to end; kills it (and fails) if it outlives a generous limit.
     * Returns how long the process took to end after the command.
     */
    Duration stop() throws Exception;

    /** The server's log so far (for reports and for the adapter's own lines). */
    String log() throws IOException;

    /** The PID of the server's process. */
    long pid();

    /** The server's directory of files for this run (configuration, logs), under target/. */
    Path directory();

    /** Stops the server if it still runs, killing its process if it does not end: only that process. */
    @Override
    void close();
}
