package org.partitionedbuffer.it.itemfailure;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.util.List;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** The dead-letter buffer of if-work and if-fatal: records what it receives and never fails. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "if-dead"),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "100")})
public class DeadLetterBean implements BatchListener {
    @Override
    public void onBatch(Batch batch) {
        Attempts.record(batch.buffer(), new Attempts.Attempt(batch.items(), batch.attempt(), List.of(), -1));
    }
}
