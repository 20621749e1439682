package org.partitionedbuffer.it.hang;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** Buffer A: hangs on the first attempt of a hang- batch, past processingTimeoutMs=1000. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "hang-a"),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "5"),
        @ActivationConfigProperty(propertyName = "processingTimeoutMs", propertyValue = "1000"),
        @ActivationConfigProperty(propertyName = "maxRetries", propertyValue = "3"),
        @ActivationConfigProperty(propertyName = "retryBackoffMs", propertyValue = "100"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "600000")})
public class HangingBean implements BatchListener {
    @Override
    public void onBatch(Batch batch) throws Exception {
        String first = String.valueOf(batch.items().get(0));
        Hang.CALLS_A.add(new Hang.Call(first, batch.items(), batch.attempt()));
        Hang.hangIfFirstAttempt(first, batch.attempt());
    }
}
