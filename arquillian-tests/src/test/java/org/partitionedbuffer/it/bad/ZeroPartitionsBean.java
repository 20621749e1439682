package org.partitionedbuffer.it.bad;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** Invalid: partitions must be at least 1. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "it-bad-partitions"),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "0")})
public class ZeroPartitionsBean implements BatchListener {
    @Override
    public void onBatch(Batch batch) {
        throw new IllegalStateException("this bean must never be activated");
    }
}
