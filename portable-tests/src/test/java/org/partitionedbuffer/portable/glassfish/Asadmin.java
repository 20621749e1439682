package org.partitionedbuffer.portable.glassfish;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code asadmin} of one GlassFish installation, run as a user runs it: one process per command, never
 * interactive, on the JDK that runs the tests ({@code AS_JAVA}). Every call, its exit code and what it printed are
 * appended to a log file (target/asadmin.log), which is the first place to look when a step fails.
 */
final class Asadmin {

    private static final Duration COMMAND = Duration.ofMinutes(3);

    private final Path script;
    private final Path log;

    Asadmin(Path glassfishHome, Path log) {
        this.script = glassfishHome.resolve("bin/asadmin");
        this.log = log;
    }

    /** What a call returned: its exit code and everything it printed. */
    record Result(int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** Runs {@code asadmin --interactive=false ARGS} and waits for it (killing it after a generous limit). */
    Result run(List<String> args) {
        List<String> command = new ArrayList<>(List.of(script.toString(), "--interactive=false"));
        command.addAll(args);
        try {
            Path output = Files.createTempFile("asadmin", ".out");
            try {
                // Output to a file, not a pipe: start-domain leaves a server process behind, and nothing of ours may
                // wait for a pipe that process could hold.
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                builder.environment().put("AS_JAVA", System.getProperty("java.home"));
                LocalTime began = LocalTime.now();
                Process asadmin = builder.start();
                if (!asadmin.waitFor(COMMAND.toMillis(), TimeUnit.MILLISECONDS)) {
                    asadmin.destroyForcibly();
                    asadmin.waitFor(10, TimeUnit.SECONDS);
                }
                int exit = asadmin.isAlive() ? -1 : asadmin.exitValue();
                Result result = new Result(exit, Files.readString(output, StandardCharsets.UTF_8).trim());
                Files.writeString(log, began + " asadmin " + String.join(" ", args) + "\n  -> exit " + exit + " after "
                        + Duration.between(began, LocalTime.now()).toMillis() + " ms: "
                        + result.output().replace("\n", "\n     ") + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                return result;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during asadmin " + args, e);
        }
    }

    /** {@link #run}, failing unless asadmin exits with 0 (it does for "Command ... executed successfully."). */
    Result runOrFail(List<String> args) {
        Result result = run(args);
        if (!result.succeeded()) {
            throw new AssertionError("asadmin " + String.join(" ", args) + " failed (" + result.exitCode() + "): "
                    + result.output());
        }
        return result;
    }
}
