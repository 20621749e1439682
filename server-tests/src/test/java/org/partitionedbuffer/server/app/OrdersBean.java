package org.partitionedbuffer.server.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.io.IOException;
import java.lang.reflect.Field;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/**
 * The listener of buffer {@code orders}: records, for each delivered item, its id, the class loader of the item's
 * class and of this bean, and whether the item is an instance of this deployment's own Order class. It sets no
 * processingIntervalMs: the adapter's config property defaultProcessingIntervalMs governs it, so the test can hold
 * items pending (60 s) and then change the interval by reconfiguring the adapter.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = OrdersBean.BUFFER),
        @ActivationConfigProperty(propertyName = "partitionKey",
                propertyValue = "org.partitionedbuffer.server.app.ByCustomer"),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "1000")})
public class OrdersBean implements BatchListener {

    public static final String BUFFER = "orders";

    @Override
    public void onBatch(Batch batch) throws IOException {
        String beanLoader = DeliveryLog.identity(OrdersBean.class.getClassLoader());
        StringBuilder lines = new StringBuilder();
        for (Object item : batch.items()) {
            lines.append(line(item, beanLoader)).append('\n');
        }
        DeliveryLog.append(lines.toString());
    }

    private static String line(Object item, String beanLoader) {
        Class<?> type = item.getClass();
        if (!type.getName().equals(Order.class.getName())) {
            return "other:" + item;
        }
        return idOf(item) + "|" + DeliveryLog.identity(type.getClassLoader()) + "|" + beanLoader + "|"
                + (type == Order.class);
    }

    /**
     * An Order of another deployment is another class, whose class loader may already be closed: its id is read
     * from the record's field, which runs none of that deployment's code (Method.invoke would, after a few calls,
     * define an accessor class through that loader and fail).
     */
    private static String idOf(Object item) {
        if (item instanceof Order order) {
            return order.id();
        }
        try {
            Field id = item.getClass().getDeclaredField("id");
            id.setAccessible(true);
            return String.valueOf(id.get(item));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "unreadable:" + e;
        }
    }
}
