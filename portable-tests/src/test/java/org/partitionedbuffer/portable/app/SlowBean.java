package org.partitionedbuffer.portable.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.io.IOException;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/**
 * Listener of buffer {@value #BUFFER}, drained every 10 minutes: what the test pushes stays pending until the
 * application is undeployed or the server stops, which must deliver it (or keep it for the next deployment).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = SlowBean.BUFFER),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "600000"),
        @ActivationConfigProperty(propertyName = "processingTimeoutMs", propertyValue = "20000"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "500")})
public class SlowBean implements BatchListener {

    public static final String BUFFER = "slow";

    @Override
    public void onBatch(Batch batch) throws IOException {
        DeliveryLog.record(BUFFER, batch.items());
    }
}
