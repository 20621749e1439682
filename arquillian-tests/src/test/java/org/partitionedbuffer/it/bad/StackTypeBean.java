package org.partitionedbuffer.it.bad;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** Invalid: there is no buffer type stack. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "it-bad-type"),
        @ActivationConfigProperty(propertyName = "bufferType", propertyValue = "stack")})
public class StackTypeBean implements BatchListener {
    @Override
    public void onBatch(Batch batch) {
        throw new IllegalStateException("this bean must never be activated");
    }
}
