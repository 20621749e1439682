package org.partitionedbuffer.it.shutdown;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Collectors;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/**
 * Appends every item it receives to the file named by the system property {@code it.record.file}, one per line: the
 * test reads the file after the server exited. The interval is long, so only the shutdown flush delivers.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "it-shutdown"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "3600000"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "1000")})
public class FileRecordingBean implements BatchListener {

    private static final Object FILE_LOCK = new Object();

    @Override
    public void onBatch(Batch batch) throws IOException {
        String lines = batch.items().stream().map(String::valueOf).collect(Collectors.joining("\n", "", "\n"));
        synchronized (FILE_LOCK) { // partitions deliver concurrently; appends must not interleave
            Files.writeString(Path.of(System.getProperty("it.record.file")), lines, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
