package org.partitionedbuffer.it.failure;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** The dead-letter buffer's listener: records what it receives and never fails. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "fr-dead"),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "100")})
public class DeadLetterBean implements BatchListener {
    @Override
    public void onBatch(Batch batch) {
        Calls.record(batch.buffer(), new Calls.Call(batch.items(), batch.attempt(), false));
    }
}
