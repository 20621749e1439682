package org.partitionedbuffer.core;

import java.lang.reflect.Constructor;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.partitionedbuffer.core.deployments.Parcel;

/**
 * Stand-ins for application deployments: each is a class loader of its own that loads the classes of package
 * {@code deployments} itself (as a server gives each deployment, and each redeployment, its own class loader), and
 * everything else from the test's class loader.
 */
final class Deployments {

    private static final String PACKAGE = Parcel.class.getPackageName() + ".";

    private Deployments() {
    }

    /** A new deployment. */
    static ClassLoader deploy() {
        try {
            URL classes = Path.of(Parcel.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri()
                    .toURL();
            return new ChildFirst(classes, Deployments.class.getClassLoader());
        } catch (MalformedURLException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Parcel of {@code deployment}'s own Parcel class. */
    static Object parcel(ClassLoader deployment, String destination, int number) {
        try {
            Constructor<?> constructor = deployment.loadClass(Parcel.class.getName())
                    .getConstructor(String.class, int.class);
            return constructor.newInstance(destination, number);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads the deployments package itself, and delegates the rest. */
    private static final class ChildFirst extends URLClassLoader {
        ChildFirst(URL classes, ClassLoader parent) {
            super(new URL[] {classes}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                return loaded;
            }
        }
    }
}
