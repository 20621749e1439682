package org.partitionedbuffer.portable.wildfly.metrics;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** Listener of {@value #BUFFER}, two partitions drained every 100 ms; it takes every batch. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = MeteredBean.BUFFER),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "" + MeteredBean.PARTITIONS),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "100")})
public class MeteredBean implements BatchListener {

    public static final String BUFFER = "metered";
    public static final int PARTITIONS = 2;

    @Override
    public void onBatch(Batch batch) {
        // delivered: the meters count it
    }
}
