package org.partitionedbuffer.ra;

/**
 * Tells whether the JVM is shutting down, for servers that stop the adapter from their shutdown hook without an
 * earlier event: what the buffers hold then has no next start to wait for.
 */
final class JvmShutdown {

    private JvmShutdown() {
    }

    /** True once the JVM runs its shutdown hooks: it then refuses new ones. The probe thread is never started. */
    static boolean inProgress() {
        Thread probe = new Thread(() -> { }, "partitioned-buffer-shutdown-probe");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shuttingDown) {
            return true;
        } catch (SecurityException notAllowed) {
            return false;
        }
    }
}
