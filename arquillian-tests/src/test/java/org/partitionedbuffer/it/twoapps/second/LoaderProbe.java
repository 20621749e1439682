package org.partitionedbuffer.it.twoapps.second;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.ref.WeakReference;

/**
 * Leaves a weak reference to this application's class loader where the test application can find it (the JVM's
 * system properties hold any object), so the test can tell whether the loader is collected after an undeploy.
 */
@WebListener
public class LoaderProbe implements ServletContextListener {

    public static final String KEY = "it.twoapps.second.loader";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        System.getProperties().put(KEY, new WeakReference<>(LoaderProbe.class.getClassLoader()));
    }
}
