package org.partitionedbuffer.portable.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.io.IOException;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/**
 * Listener of the queue buffer {@value #BUFFER}, drained every 100 ms. No {@code resourceAdapter} property: each
 * server binds the bean its own way (by listener type, jboss-ejb3.xml, server.xml).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = QueueBean.BUFFER),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "100"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "500")})
public class QueueBean implements BatchListener {

    public static final String BUFFER = "queue";

    @Override
    public void onBatch(Batch batch) throws IOException {
        DeliveryLog.record(BUFFER, batch.items());
    }
}
