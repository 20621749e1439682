package org.partitionedbuffer.core.deployments;

import java.util.function.Function;

/** An application's routing function: it casts, as users' functions do, so a foreign Parcel class fails it. */
public class ByDestination implements Function<Object, Object> {

    @Override
    public Object apply(Object item) {
        return ((Parcel) item).destination();
    }
}
