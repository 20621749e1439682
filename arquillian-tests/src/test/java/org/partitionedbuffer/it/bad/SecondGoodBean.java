package org.partitionedbuffer.it.bad;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** Invalid: a second listener for it-good, which GoodBean (another application) already listens to. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "it-good"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "100")})
public class SecondGoodBean implements BatchListener {
    @Override
    public void onBatch(Batch batch) {
        throw new IllegalStateException("this bean must never be activated");
    }
}
