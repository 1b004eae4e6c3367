package dev.servicemetrics.live;

/**
 * Runs the fan-out's writes (sends, pings, the idle timeout's reset) with the platform class loader as the
 * thread's context class loader. Payara's Tyrus (2.1.5) reschedules a session's idle timeout on the container's
 * managed scheduled executor at every send and ping, even with the timeout off, and every managed task captures
 * its submitter's context, which includes a ServiceLoader look-up of {@code ThreadContextProvider} through the
 * context class loader: a walk over every jar the application and the server see, for each write (over a quarter
 * of the service's CPU at 10,000 clients before this; BENCHMARKS.md). Nothing a write does needs the
 * application's class loader, and under the platform one that look-up finds nothing at once. On other
 * containers (WildFly) it changes nothing.
 */
final class PlatformLoaderWrites {

    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    /** A write; {@code E} is what it may throw (inferred: RuntimeException for a write that declares nothing). */
    interface Write<E extends Exception> {
        void run() throws E;
    }

    private PlatformLoaderWrites() {
    }

    static <E extends Exception> void run(Write<E> write) throws E {
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
