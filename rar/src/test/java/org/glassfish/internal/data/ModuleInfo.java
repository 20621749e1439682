package org.glassfish.internal.data;

/** Test stand-in for a module's record: the hook of the later MODULE_STOPPED events, with no class loader getter. */
public class ModuleInfo {

    public String getName() {
        return "module";
    }
}
