package org.partitionedbuffer.core;

import java.lang.reflect.Constructor;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.partitionedbuffer.core.deployments.Parcel;

/**
 * Stand-ins for application deployments: each is a class loader of its own that loads the classes of one package
 * itself (as a server gives each deployment, and each redeployment, its own class loader), and everything else from
 * the test's class loader.
 */
public final class Deployments {

    private Deployments() {
    }

    /** A new deployment of package {@code deployments} (Parcel, ByDestination). */
    static ClassLoader deploy() {
        return deploy(Parcel.class);
    }

    /** A new deployment of the package of {@code anyClassOfIt}, loaded from where that class was. */
    public static ClassLoader deploy(Class<?> anyClassOfIt) {
        try {
            URL classes = Path.of(anyClassOfIt.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri()
                    .toURL();
            return new ChildFirst(classes, anyClassOfIt.getPackageName() + ".", anyClassOfIt.getClassLoader());
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

    /** Loads one package itself, and delegates the rest. */
    private static final class ChildFirst extends URLClassLoader {
        private final String packagePrefix;

        ChildFirst(URL classes, String packagePrefix, ClassLoader parent) {
            super(new URL[] {classes}, parent);
            this.packagePrefix = packagePrefix;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(packagePrefix)) {
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
