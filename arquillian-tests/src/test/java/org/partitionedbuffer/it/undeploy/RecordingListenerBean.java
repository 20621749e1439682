package org.partitionedbuffer.it.undeploy;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/**
 * The listener of it-undeploy, in its own application that the test deploys, undeploys and deploys again: records
 * {@code item <deployment> <item>} for each item it receives. Interval of ten minutes: nothing is delivered on time
 * during the test, only on flush() or when a listener attaches to a buffer that holds data. A batch holding
 * {@link #HOLD} stays in onBatch until the test releases it (latches the test puts in the JVM's system properties,
 * the one place both applications see).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "it-undeploy"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "600000")})
public class RecordingListenerBean implements BatchListener {

    public static final String HOLD = "hold";
    public static final String ENTERED = "it.undeploy.entered";
    public static final String RELEASE = "it.undeploy.release";

    @Override
    public void onBatch(Batch batch) throws InterruptedException {
        if (batch.items().contains(HOLD)) {
            if (System.getProperties().get(ENTERED) instanceof CountDownLatch entered) {
                entered.countDown();
            }
            if (System.getProperties().get(RELEASE) instanceof CountDownLatch release) {
                release.await(60, TimeUnit.SECONDS);
            }
        }
        Recorder.append(batch.items().stream().map(item -> "item " + Recorder.DEPLOYMENT + " " + item).toList());
    }
}
