package org.partitionedbuffer.portable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The TCP sockets a process listens on ({@code ss -Hltnp}, from iproute2), checked to be on 127.0.0.1 only. */
public final class LoopbackListeners {

    private LoopbackListeners() {
    }

    /** The listening addresses of process {@code pid}, e.g. {@code [::ffff:127.0.0.1]:9080}. */
    public static List<String> of(long pid) throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-Hltnp").redirectErrorStream(true).start();
        String output = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor(30, TimeUnit.SECONDS);
        return output.lines().filter(line -> line.contains("pid=" + pid + ","))
                .map(line -> line.trim().split("\\s+")[3]).sorted().toList();
    }

    /** Fails naming every address of {@code pid} that is not 127.0.0.1 (and when it listens on nothing at all). */
    public static List<String> require(String server, long pid) throws IOException, InterruptedException {
        List<String> listeners = of(pid);
        List<String> elsewhere = listeners.stream()
                .filter(address -> !address.matches("(\\[::ffff:)?127\\.0\\.0\\.1\\]?:\\d+")).toList();
        if (listeners.isEmpty() || !elsewhere.isEmpty()) {
            throw new IllegalStateException(server + " (pid " + pid + ") must listen on 127.0.0.1 only: " + listeners);
        }
        return listeners;
    }
}
