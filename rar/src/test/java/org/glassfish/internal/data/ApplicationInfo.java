package org.glassfish.internal.data;

/** Test stand-in for the server's running-application record: the hook of an application's first MODULE_STOPPED. */
public class ApplicationInfo {

    private final ClassLoader appClassLoader;

    public ApplicationInfo(ClassLoader appClassLoader) {
        this.appClassLoader = appClassLoader;
    }

    public ClassLoader getAppClassLoader() {
        return appClassLoader;
    }
}
