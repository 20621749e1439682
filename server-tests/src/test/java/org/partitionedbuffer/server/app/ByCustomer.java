package org.partitionedbuffer.server.app;

import java.util.function.Function;

/**
 * The orders buffer's routing function (activation property {@code partitionKey}). The cast is deliberate: it is what
 * an application really writes, and it fails with ClassCastException when the adapter keeps using an instance of this
 * class from a previous deployment on items of the current one.
 */
public class ByCustomer implements Function<Object, Object> {
    @Override
    public Object apply(Object order) {
        return ((Order) order).customer();
    }
}
