package org.partitionedbuffer.it.bad;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** Invalid: processingBatchSize is a number or table. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "it-bad-batch"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "x")})
public class WordBatchSizeBean implements BatchListener {
    @Override
    public void onBatch(Batch batch) {
        throw new IllegalStateException("this bean must never be activated");
    }
}
