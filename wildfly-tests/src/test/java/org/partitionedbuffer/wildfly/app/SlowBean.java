package org.partitionedbuffer.wildfly.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.io.IOException;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/**
 * Listener of buffer {@code slow}: drained every 10 minutes, so what the test pushes is still pending when it stops
 * the server; the log then shows whether the shutdown delivered it.
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
        record(BUFFER, batch);
    }

    static void record(String buffer, Batch batch) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (Object item : batch.items()) {
            lines.append(buffer).append('|').append(item).append('\n');
        }
        DeliveryLog.append(lines.toString());
    }
}
