package org.partitionedbuffer.it.hang;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** Buffer B: a quick listener on a 100 ms interval, whose batches must keep coming while A's listener hangs. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "hang-b"),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "1000"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "100")})
public class SteadyBean implements BatchListener {
    @Override
    public void onBatch(Batch batch) {
        Hang.BATCHES_B.add(batch.items());
    }
}
