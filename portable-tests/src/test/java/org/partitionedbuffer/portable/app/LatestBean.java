package org.partitionedbuffer.portable.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.io.IOException;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;
import org.partitionedbuffer.api.BufferEntry;

/** Listener of the map buffer {@value #BUFFER}: writes {@code latest|key=value} for each entry it gets. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = LatestBean.BUFFER),
        @ActivationConfigProperty(propertyName = "bufferType", propertyValue = "MAP"),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "2"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "200")})
public class LatestBean implements BatchListener {

    public static final String BUFFER = "latest";

    @Override
    public void onBatch(Batch batch) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (BufferEntry entry : batch.entries()) {
            lines.append(BUFFER).append('|').append(entry.key()).append('=')
                    .append(DeliveryLog.describe(entry.value())).append('\n');
        }
        DeliveryLog.append(lines);
    }
}
