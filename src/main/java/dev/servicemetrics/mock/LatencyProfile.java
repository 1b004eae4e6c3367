package dev.servicemetrics.mock;

/**
 * How one second's requests spread over the histogram buckets. Normal traffic has a p95 near
 * 0.2 s; degraded traffic puts a quarter of the requests above 0.5 s and 7 % above 1 s, so a p95
 * alert at 0.5 s and a latency-SLO alert on the 1 s bucket both fire.
 */
enum LatencyProfile {
    NORMAL(0.70, 0.93, 0.99, 0.998),
    DEGRADED(0.25, 0.45, 0.75, 0.93);

    /** Typical duration inside each bucket (0-0.1, 0.1-0.2, 0.2-0.5, 0.5-1, above 1), feeding _sum. */
    private static final double[] TYPICAL_SECONDS = {0.05, 0.15, 0.35, 0.75, 1.6};

    private final double[] cumulativeShares;

    LatencyProfile(double... cumulativeShares) {
        this.cumulativeShares = cumulativeShares;
    }

    /** Cumulative counts per bound of {@link Sample#BUCKET_BOUNDS}, then +Inf (= requests). */
    long[] spread(long requests) {
        long[] cumulative = new long[cumulativeShares.length + 1];
        for (int i = 0; i < cumulativeShares.length; i++) {
            cumulative[i] = Math.round(requests * cumulativeShares[i]);
        }
        cumulative[cumulativeShares.length] = requests;
        return cumulative;
    }

    /** Total seconds spent by the requests of {@code cumulative}; stretch in [-1, 1] varies it by 30 %. */
    static double seconds(long[] cumulative, double stretch) {
        double total = 0;
        long below = 0;
        for (int i = 0; i < cumulative.length; i++) {
            // 30 % around the typical value stays inside the bucket, so _sum agrees with the buckets.
            total += (cumulative[i] - below) * TYPICAL_SECONDS[i] * (1 + 0.3 * stretch);
            below = cumulative[i];
        }
        return total;
    }
}
