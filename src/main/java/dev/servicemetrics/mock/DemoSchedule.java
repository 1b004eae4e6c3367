package dev.servicemetrics.mock;

/**
 * The seed-independent shape of the mock's values over time, chosen so that every demo alert rule
 * fires and resolves within the first ten minutes and again on every cycle (times from start):
 * <ul>
 *   <li>disk: 10-minute sine between 60 % and 95 %, starting at the seed's 75.5 %; above 90 % from
 *       about 1:27 to 3:55, above 94 % from about 2:08 to 3:13;</li>
 *   <li>memory: 12-minute sine between 250 and 850 MB, starting at the seed's 256 MB; above 800 MB
 *       from about 4:25 to 6:35 (the seeded ripple moves both edges by up to a quarter minute);</li>
 *   <li>an incident from 2:30 to 5:00 of every 10 minutes: traffic doubles and latency degrades.</li>
 * </ul>
 */
final class DemoSchedule {

    static final long DISK_PERIOD_SECONDS = 600;
    static final long MEMORY_PERIOD_SECONDS = 720;
    static final long INCIDENT_PERIOD_SECONDS = 600;
    static final long INCIDENT_START_SECOND = 150;
    static final long INCIDENT_END_SECOND = 300;

    // Phases that make second 0 reproduce the seed document's sample (75.5 %, 256 MB).
    private static final double DISK_PHASE = Math.asin((75.5 - 77.5) / 17.5);
    private static final double MEMORY_PHASE = Math.asin((256.0 - 550.0) / 300.0);

    private DemoSchedule() {
    }

    static double diskPercent(long second) {
        return 77.5 + 17.5 * Math.sin(angle(second, DISK_PERIOD_SECONDS) + DISK_PHASE);
    }

    static double memoryMegabytes(long second) {
        return 550.0 + 300.0 * Math.sin(angle(second, MEMORY_PERIOD_SECONDS) + MEMORY_PHASE);
    }

    static boolean incident(long second) {
        long inCycle = second % INCIDENT_PERIOD_SECONDS;
        return inCycle >= INCIDENT_START_SECOND && inCycle < INCIDENT_END_SECOND;
    }

    /** Requests per second before noise: about 20, doubled during an incident. */
    static double requestRate(long second) {
        double base = 20.0 + 4.0 * Math.sin(angle(second, 240));
        return incident(second) ? 2 * base : base;
    }

    static LatencyProfile latency(long second) {
        return incident(second) ? LatencyProfile.DEGRADED : LatencyProfile.NORMAL;
    }

    private static double angle(long second, long period) {
        return 2 * Math.PI * (second % period) / period;
    }
}
