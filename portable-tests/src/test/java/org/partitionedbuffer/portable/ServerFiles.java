package org.partitionedbuffer.portable;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** File and port chores every server harness shares. */
public final class ServerFiles {

    private ServerFiles() {
    }

    /** Copies the tree {@code from} to {@code to}, which must not exist yet. */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    /** Deletes {@code root} and everything under it; nothing when it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    /**
     * An offset (from a random start, in steps of 7) such that each of {@code ports} plus it is free on 127.0.0.1.
     */
    public static int freeOffset(List<Integer> ports) {
        int start = 1000 + (int) (Math.random() * 20_000);
        for (int offset = start; offset < start + 5_000; offset += 7) {
            int candidate = offset;
            if (ports.stream().allMatch(port -> free(port + candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free port offset for " + ports);
    }

    private static boolean free(int port) {
        if (port > 65_535) {
            return false;
        }
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
