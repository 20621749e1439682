package org.partitionedbuffer.core;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A JDK Flight Recorder event: one {@code onBatch} call, with its duration (the event's own). Recorded only while a
 * recording enables it; a disabled event costs a flag check per batch.
 */
@Name("org.partitionedbuffer.DeliveryAttempt")
@Label("Batch Delivery Attempt")
@Category("Partitioned Buffer")
@Description("One onBatch call of a partition's listener")
final class DeliveryAttemptEvent extends Event {

    @Label("Buffer")
    String buffer;

    @Label("Partition")
    int partition;

    @Label("Items")
    int size;

    @Label("Attempt")
    @Description("1 on the first delivery of the batch, then 2, 3 ... on redeliveries")
    int attempt;

    @Label("Outcome")
    @Description("processed, partly failed (items marked with failItem), failed (onBatch threw) or timed out")
    String outcome;
}
