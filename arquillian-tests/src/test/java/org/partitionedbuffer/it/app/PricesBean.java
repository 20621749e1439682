package org.partitionedbuffer.it.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** A map buffer: the last write of each key wins until the drain. Long interval: the tests flush it through JMX. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "it-prices"),
        @ActivationConfigProperty(propertyName = "bufferType", propertyValue = "map"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "600000")})
public class PricesBean implements BatchListener {
    @Override
    public void onBatch(Batch batch) {
        Deliveries.record(batch);
    }
}
