package org.partitionedbuffer.core;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A JDK Flight Recorder event: a partition swapped out what it held, for delivery, and why. */
@Name("org.partitionedbuffer.Drain")
@Label("Partition Drain")
@Category("Partitioned Buffer")
@Description("A partition's storage swapped out for delivery")
final class DrainEvent extends Event {

    @Label("Buffer")
    String buffer;

    @Label("Partition")
    int partition;

    @Label("Items")
    int size;

    @Label("Reason")
    @Description("interval, flushThreshold, capacity, flush(), listener attached or stop")
    String reason;
}
