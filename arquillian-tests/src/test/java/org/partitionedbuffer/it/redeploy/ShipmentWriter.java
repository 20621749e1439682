package org.partitionedbuffer.it.redeploy;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.util.ArrayList;
import java.util.List;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/**
 * The listener of it-redeploy, routed by {@link ByRoute}: records {@code item <deployment> <route>-<number>} for each
 * Shipment. The cast to this deployment's Shipment class fails (and the batch with it) for an instance of any other
 * class of that name. Interval of ten minutes: items are delivered when a listener attaches, or on flush().
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "it-redeploy"),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "partitionKey",
                propertyValue = "org.partitionedbuffer.it.redeploy.ByRoute"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "100"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "600000")})
public class ShipmentWriter implements BatchListener {

    @Override
    public void onBatch(Batch batch) {
        List<String> lines = new ArrayList<>();
        for (Object item : batch.items()) {
            Shipment shipment = (Shipment) item;
            lines.add("item " + ShipmentRecorder.DEPLOYMENT + " " + shipment.route() + "-" + shipment.number());
        }
        ShipmentRecorder.append(lines);
    }
}
