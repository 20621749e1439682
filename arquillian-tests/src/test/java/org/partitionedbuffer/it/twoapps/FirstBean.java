package org.partitionedbuffer.it.twoapps;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** The first application's buffer: two partitions drained every 100 ms. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = FirstBean.BUFFER),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "2"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "100")})
public class FirstBean implements BatchListener {

    public static final String BUFFER = "two-first";

    @Override
    public void onBatch(Batch batch) {
        // Delivery is all this application needs; the test reads the counts from /metrics and JMX.
    }
}
