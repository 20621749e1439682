package org.partitionedbuffer.sample;

import java.util.function.Function;

/**
 * The events buffer's routing ({@code partitionKey} activation property): by user id, so each user's events stay in
 * one partition and reach the database in the order they were pushed.
 */
public class EventsByUser implements Function<Object, Object> {
    @Override
    public Object apply(Object event) {
        return ((Event) event).userId();
    }
}
