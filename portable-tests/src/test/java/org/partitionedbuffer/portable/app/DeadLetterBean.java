package org.partitionedbuffer.portable.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.io.IOException;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;
import org.partitionedbuffer.api.DeadLetter;

/** Listener of the dead-letter buffer {@value #BUFFER}: writes {@code dead|id|cause} for each dead letter. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = DeadLetterBean.BUFFER),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "100")})
public class DeadLetterBean implements BatchListener {

    public static final String BUFFER = "dead";

    @Override
    public void onBatch(Batch batch) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < batch.size(); i++) {
            String cause = batch.deadLetterOf(i).map(DeadLetter::cause).orElse("no-cause");
            lines.append(BUFFER).append('|').append(DeliveryLog.describe(batch.items().get(i))).append('|')
                    .append(cause.replace('\n', ' ')).append('\n');
        }
        DeliveryLog.append(lines);
    }
}
