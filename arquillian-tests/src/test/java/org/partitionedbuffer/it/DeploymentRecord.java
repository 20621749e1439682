package org.partitionedbuffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The file a listener application that tests deploy and redeploy writes: {@code deployed <deployment>} when it starts
 * (a new id with each deployment, that is each class loader), {@code item <deployment> <item>} for each item its bean
 * receives.
 */
final class DeploymentRecord {

    private final Path file;

    DeploymentRecord(Path file) {
        this.file = file;
    }

    private List<String> lines() throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /** {@code item <deployment> <item>} lines, in the order written. */
    List<String> items() throws IOException {
        return lines().stream().filter(line -> line.startsWith("item ")).toList();
    }

    /** The items of {@code item} lines. */
    static List<String> itemsOf(List<String> itemLines) {
        return itemLines.stream().map(line -> line.substring(line.lastIndexOf(' ') + 1)).toList();
    }

    static List<String> sorted(List<String> items) {
        return items.stream().sorted().toList();
    }

    /** The ids of the listener application's deployments, in start order. */
    List<String> deployments() throws IOException {
        return lines().stream().filter(line -> line.startsWith("deployed "))
                .map(line -> line.substring("deployed ".length())).toList();
    }

    String onlyDeployment() throws IOException {
        List<String> deployments = deployments();
        assertEquals(1, deployments.size(), "the listener application's start is recorded: " + deployments);
        return deployments.get(0);
    }

    String theOtherDeployment(String first) throws IOException {
        List<String> deployments = deployments();
        assertEquals(2, deployments.size(), "two deployments recorded: " + deployments);
        assertEquals(first, deployments.get(0));
        return deployments.get(1);
    }
}
