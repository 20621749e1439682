package org.partitionedbuffer.it.undeploying;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/**
 * The listener of it-undeploy-producing, in its own application that UndeployWhileProducingIT undeploys and deploys
 * again while producers push: hands each batch, with the id of this deployment, to the test's sink (a
 * {@code BiConsumer} the test puts in the JVM's system properties, the one place both applications see). Drains every
 * 20 ms, at most 20,000 pending items (overflow=reject), and no retry: a batch whose one attempt fails would be
 * dropped, so a delivery the undeploy made fail and the adapter counted against the batch shows up as missing items.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "it-undeploy-producing"),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "2"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "20"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "500"),
        @ActivationConfigProperty(propertyName = "capacity", propertyValue = "20000"),
        @ActivationConfigProperty(propertyName = "overflow", propertyValue = "reject"),
        @ActivationConfigProperty(propertyName = "maxRetries", propertyValue = "0"),
        @ActivationConfigProperty(propertyName = "processingTimeoutMs", propertyValue = "60000")})
public class ProducingListenerBean implements BatchListener {

    public static final String SINK = "it.undeploying.sink";
    private static final String DEPLOYMENT = UUID.randomUUID().toString();

    @Override
    @SuppressWarnings("unchecked")
    public void onBatch(Batch batch) {
        if (!(System.getProperties().get(SINK) instanceof BiConsumer<?, ?> sink)) {
            throw new IllegalStateException("The test's sink is not in the system property " + SINK);
        }
        ((BiConsumer<String, List<Object>>) sink).accept(DEPLOYMENT, batch.items());
    }
}
