package org.partitionedbuffer.it.bad;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** Invalid: the partitionKey class does not exist. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "it-bad-key"),
        @ActivationConfigProperty(propertyName = "partitionKey", propertyValue = "com.example.Missing")})
public class MissingKeyBean implements BatchListener {
    @Override
    public void onBatch(Batch batch) {
        throw new IllegalStateException("this bean must never be activated");
    }
}
