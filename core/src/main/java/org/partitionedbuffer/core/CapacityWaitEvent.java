package org.partitionedbuffer.core;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A JDK Flight Recorder event: an insert that found its buffer at capacity, refused at once or after waiting for room
 * (the event's duration), or let in after the wait. Only the slow path records it: an insert with room never does.
 */
@Name("org.partitionedbuffer.CapacityWait")
@Label("Insert at Capacity")
@Category("Partitioned Buffer")
@Description("An insert that found its buffer full: its wait for room, and how it ended")
final class CapacityWaitEvent extends Event {

    @Label("Buffer")
    String buffer;

    @Label("Items")
    @Description("Items of the call")
    long items;

    @Label("Outcome")
    @Description("admitted (room came), refused (overflow=reject, a dead letter, too large), timed out, interrupted")
    String outcome;
}
