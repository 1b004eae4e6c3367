package dev.servicemetrics.live;

import java.io.IOException;

/**
 * Runs the fan-out's writes (sends, pings, the idle timeout's reset) with the platform class loader as the
 * thread's context class loader. Payara's Tyrus (2.1.5) reschedules a session's idle timeout on the container's
 * managed scheduled executor at every send and ping, even with the timeout off, and every managed task captures
 * its submitter's context, which includes a ServiceLoader look-up of {@code ThreadContextProvider} through the
 * context class loader: a walk over every jar the application and the server see, for each write (about a third
 * of the service's CPU at 10,000 clients before this; BENCHMARKS.md). Nothing a write does needs the
 * application's class loader, and under the platform one that look-up finds nothing at once. On other
 * containers (WildFly) it changes nothing.
 */
final class PlatformLoaderWrites {

    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    interface Write {
        void run() throws IOException;
    }

    private PlatformLoaderWrites() {
    }

    static void run(Write write) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(PLATFORM);
        try {
            write.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** For writes that declare no IOException. */
    static void runUnchecked(Runnable write) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(PLATFORM);
        try {
            write.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
