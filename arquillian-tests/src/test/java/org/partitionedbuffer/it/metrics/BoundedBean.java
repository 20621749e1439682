package org.partitionedbuffer.it.metrics;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** One partition holding at most 5 items; only a refused insert (which starts a drain) or a flush drains it. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = BoundedBean.BUFFER),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "capacity", propertyValue = "5"),
        @ActivationConfigProperty(propertyName = "overflow", propertyValue = "reject"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "600000")})
public class BoundedBean implements BatchListener {

    public static final String BUFFER = "mx-bounded";

    @Override
    public void onBatch(Batch batch) {
        Deliveries.record(batch, false);
    }
}
