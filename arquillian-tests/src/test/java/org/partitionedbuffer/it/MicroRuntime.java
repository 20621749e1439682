package org.partitionedbuffer.it;

import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;

/**
 * Deploys and undeploys applications from inside a running Payara Micro, through its own runtime API
 * ({@code fish.payara.micro.PayaraMicro.getInstance().getRuntime()}), called by reflection so that nothing here
 * compiles against payara-micro.jar.
 */
final class MicroRuntime {

    private final Object runtime;
    private final Class<?> runtimeType;

    private MicroRuntime(Object runtime, Class<?> runtimeType) {
        this.runtime = runtime;
        this.runtimeType = runtimeType;
    }

    static MicroRuntime current() throws ReflectiveOperationException {
        ReflectiveOperationException notFound = null;
        for (ClassLoader loader : List.of(Thread.currentThread().getContextClassLoader(),
                ClassLoader.getSystemClassLoader())) {
            try {
                Class<?> micro = Class.forName("fish.payara.micro.PayaraMicro", true, loader);
                Class<?> runtimeType = Class.forName("fish.payara.micro.PayaraMicroRuntime", true, loader);
                Object instance = micro.getMethod("getInstance").invoke(null);
                return new MicroRuntime(micro.getMethod("getRuntime").invoke(instance), runtimeType);
            } catch (ClassNotFoundException e) {
                notFound = e;
            }
        }
        throw notFound;
    }

    /** Deploys {@code war} under {@code name} at context root {@code /name}; false if the deployment failed. */
    boolean deploy(String name, InputStream war) throws Exception {
        return (Boolean) call(runtimeType.getMethod("deploy", String.class, String.class, InputStream.class),
                name, "/" + name, war);
    }

    /**
     * Deploys the WAR that the calling application carries as the resource {@code name.war} (a listener application
     * a test undeploys and deploys again), at context root {@code /name}; false if the deployment failed.
     */
    boolean deployCarried(String name) throws Exception {
        try (InputStream war = MicroRuntime.class.getClassLoader().getResourceAsStream(name + ".war")) {
            if (war == null) {
                throw new IllegalStateException(name + ".war is not a resource of the test application");
            }
            return deploy(name, war);
        }
    }

    void undeploy(String name) throws Exception {
        call(runtimeType.getMethod("undeploy", String.class), name);
    }

    @SuppressWarnings("unchecked")
    Collection<String> deployedApplications() throws Exception {
        return (Collection<String>) call(runtimeType.getMethod("getDeployedApplicationNames"));
    }

    private Object call(Method method, Object... arguments) throws Exception {
        try {
            return method.invoke(runtime, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
