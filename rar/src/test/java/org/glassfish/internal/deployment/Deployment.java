package org.glassfish.internal.deployment;

import org.glassfish.api.event.EventTypes;

/** Test stand-in for the GlassFish/Payara deployment event types the adapter hears. */
public final class Deployment {

    /** Sent first with the stopping application's ApplicationInfo as hook, then once per module with a ModuleInfo. */
    public static final EventTypes<Object> MODULE_STOPPED = EventTypes.create("Module_Stopped");

    private Deployment() {
    }
}
