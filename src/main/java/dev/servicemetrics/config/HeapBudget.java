package dev.servicemetrics.config;

/**
 * What the heap holds, for the settings whose default is {@code auto}: {@code LIVE_MAX_CONNECTIONS} and
 * {@code WEBHOOK_MAX_BYTES}. Each gets half the JVM's maximum heap after {@value #REST_MIB} MiB for the service at
 * rest (~70 MiB), so that the live data stays within the Serial collector's old generation (two thirds of the
 * heap) with room to spare: past that a full heap thrashes in GC or ends the JVM, where a refused handshake (503)
 * goes to another replica and a refused notification (413) is brought in by reconciliation. Measured on Payara
 * Micro (BENCHMARKS.md): an open dashboard keeps ~30 KiB of heap (~10 KiB on WildFly); a webhook body takes ~5
 * times its size while it is read (as a stream) and recorded (a 46 MiB notification of 110,000 alerts: ~225 MiB),
 * counted here as 6.
 */
public final class HeapBudget {

    static final int REST_MIB = 96;
    static final int PER_CONNECTION_KIB = 32;
    /** Enough dashboards for any real deployment on one replica; an operator may set more. */
    static final int MOST_CONNECTIONS = 10_000;
    /** A heap too small for the formula still takes a few dashboards. */
    static final int FEWEST_CONNECTIONS = 100;
    static final int HEAP_PER_WEBHOOK_BYTE = 6;
    static final long FEWEST_WEBHOOK_BYTES = ServiceConfiguration.MIN_WEBHOOK_BYTES;
    /** About 130,000 alerts in one notification. */
    static final long MOST_WEBHOOK_BYTES = 64L * 1024 * 1024;

    private HeapBudget() {
    }

    /** The WebSocket connections a heap of {@code maxHeapBytes} (as {@code Runtime.maxMemory()}) is given. */
    public static int connections(long maxHeapBytes) {
        long fitting = spare(maxHeapBytes) / (PER_CONNECTION_KIB * 1024L);
        return (int) Math.max(FEWEST_CONNECTIONS, Math.min(MOST_CONNECTIONS, fitting));
    }

    /** The largest webhook body a heap of {@code maxHeapBytes} is given. */
    public static int webhookBytes(long maxHeapBytes) {
        long fitting = spare(maxHeapBytes) / HEAP_PER_WEBHOOK_BYTE;
        return (int) Math.max(FEWEST_WEBHOOK_BYTES, Math.min(MOST_WEBHOOK_BYTES, fitting));
    }

    private static long spare(long maxHeapBytes) {
        return maxHeapBytes / 2 - REST_MIB * 1024L * 1024L;
    }
}
