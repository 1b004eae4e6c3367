package dev.servicemetrics.config;

/**
 * How many WebSocket connections the heap holds, for {@code LIVE_MAX_CONNECTIONS=auto}. An open dashboard keeps
 * ~30 KiB of live heap on Payara Micro (BENCHMARKS.md, memory per connection; ~10 KiB on WildFly), and the
 * service at rest ~70 MiB. The connections get half the heap after {@value #REST_MIB} MiB for the rest, at
 * {@value #PER_CONNECTION_KIB} KiB each, so that the live data stays within the Serial collector's old
 * generation (two thirds of the heap) with room to spare; past that a full heap thrashes in GC and every
 * dashboard waits, where one refused handshake (503, Retry-After) goes to another replica.
 */
public final class ConnectionBudget {

    static final int REST_MIB = 96;
    static final int PER_CONNECTION_KIB = 32;
    /** Enough for any real deployment on one replica; an operator may set more. */
    static final int MOST = 10_000;
    /** A heap too small for the formula still takes a few dashboards. */
    static final int FEWEST = 100;

    private ConnectionBudget() {
    }

    /** The connections a heap of {@code maxHeapBytes} (as {@code Runtime.maxMemory()}) is given. */
    public static int forHeap(long maxHeapBytes) {
        long spare = maxHeapBytes / 2 - REST_MIB * 1024L * 1024L;
        long fitting = spare / (PER_CONNECTION_KIB * 1024L);
        return (int) Math.max(FEWEST, Math.min(MOST, fitting));
    }
}
