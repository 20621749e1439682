package org.partitionedbuffer.it.redeploy;

import java.util.function.Function;

/** The buffer's partitionKey class: it casts, as users' functions do, so another deployment's Shipment fails it. */
public class ByRoute implements Function<Object, Object> {

    @Override
    public Object apply(Object item) {
        return ((Shipment) item).route();
    }
}
