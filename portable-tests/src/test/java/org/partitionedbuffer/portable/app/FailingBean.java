package org.partitionedbuffer.portable.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/**
 * Listener of buffer {@value #BUFFER}: a reading whose id starts with {@value #BAD} is marked failed with a
 * non-retryable cause, so it goes to the dead-letter buffer {@value DeadLetterBean#BUFFER} at once; the others are
 * recorded as delivered.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = FailingBean.BUFFER),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "100"),
        @ActivationConfigProperty(propertyName = "maxRetries", propertyValue = "3"),
        @ActivationConfigProperty(propertyName = "retryBackoffMs", propertyValue = "100"),
        @ActivationConfigProperty(propertyName = "deadLetterBuffer", propertyValue = DeadLetterBean.BUFFER),
        @ActivationConfigProperty(propertyName = "nonRetryable", propertyValue = "java.lang.IllegalArgumentException")})
public class FailingBean implements BatchListener {

    public static final String BUFFER = "failing";
    public static final String BAD = "bad-";

    @Override
    public void onBatch(Batch batch) throws IOException {
        List<Object> good = new ArrayList<>();
        List<Object> items = batch.items();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Reading reading && reading.id().startsWith(BAD)) {
                batch.failItem(i, new IllegalArgumentException("reading " + reading.id() + " is invalid"));
            } else {
                good.add(items.get(i));
            }
        }
        DeliveryLog.record(BUFFER, good);
    }
}
