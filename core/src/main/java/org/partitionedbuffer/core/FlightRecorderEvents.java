package org.partitionedbuffer.core;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether the engine's JDK Flight Recorder events ({@link DeliveryAttemptEvent}, {@link DrainEvent},
 * {@link CapacityWaitEvent}) can be used where the engine runs. A server may hide the {@code jdk.jfr} module from the
 * adapter (WildFly shows a deployment only the modules it declares): an event class that cannot link must never cost
 * a delivery or an insert, so every place that records one asks here first. Checked once.
 */
final class FlightRecorderEvents {

    private static final Logger LOG = Logger.getLogger(FlightRecorderEvents.class.getName());

    /** True when the event classes link; false, with one INFO line, when {@code jdk.jfr} is not visible. */
    static final boolean AVAILABLE = linkable();

    private FlightRecorderEvents() {
    }

    private static boolean linkable() {
        try {
            new DrainEvent().isEnabled();
            return true;
        } catch (LinkageError hidden) {
            LOG.log(Level.INFO, "The jdk.jfr module is not visible to the Partitioned Buffer engine here (" + hidden
                    + "): its Flight Recorder events are not recorded; everything else works. Make jdk.jfr visible"
                    + " to the adapter to record them");
            return false;
        }
    }
}
