package org.partitionedbuffer.portable.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.io.IOException;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/**
 * Listener of buffer {@value #BUFFER}, whose annotation asks for 1 partition while the application's
 * microprofile-config.properties says {@value #CONFIGURED_PARTITIONS}: MicroProfile Config is the stronger source.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = ConfiguredBean.BUFFER),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "100")})
public class ConfiguredBean implements BatchListener {

    public static final String BUFFER = "configured";
    public static final int CONFIGURED_PARTITIONS = 3;
    /** The application's META-INF/microprofile-config.properties. */
    public static final String CONFIG = "partitionedbuffer." + BUFFER + ".partitions=" + CONFIGURED_PARTITIONS + "\n";

    @Override
    public void onBatch(Batch batch) throws IOException {
        DeliveryLog.record(BUFFER, batch.items());
    }
}
