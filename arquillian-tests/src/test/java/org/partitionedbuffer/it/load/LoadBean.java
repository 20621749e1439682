package org.partitionedbuffer.it.load;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.util.concurrent.atomic.LongAdder;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** The load run's listener: two partitions drained every 10 ms in batches of 1,000, counting what it gets. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = LoadBean.BUFFER),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "2"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "1000"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "10")})
public class LoadBean implements BatchListener {

    public static final String BUFFER = "load";
    public static final LongAdder DELIVERED = new LongAdder();

    @Override
    public void onBatch(Batch batch) {
        DELIVERED.add(batch.size());
    }
}
