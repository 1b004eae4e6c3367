package dev.servicemetrics.mock;

/**
 * The mock's values at a whole second since start: gauges follow {@link DemoSchedule} plus seeded
 * jitter, counters add up one simulated second at a time. Asking for a later second advances the
 * simulation; asking for an earlier one replays it from zero, so the answer depends only on the
 * seed and the second, never on the scrape pattern.
 */
final class MockMetrics {

    private static final int DISK = 1;
    private static final int MEMORY = 2;
    private static final int RIPPLE = 3;
    private static final int REQUESTS = 4;
    private static final int DURATION = 5;
    private static final int CPU = 6;

    private final Jitter jitter;
    private final double memoryRipplePeriod;
    private long second;
    private double cpuSeconds;
    private long[] buckets;
    private double durationSeconds;

    MockMetrics(long seed) {
        this.jitter = new Jitter(seed);
        this.memoryRipplePeriod = 75 + 15 * jitter.at(RIPPLE, -1);
        restart();
    }

    synchronized Sample at(long second) {
        if (second < this.second) {
            restart();
        }
        while (this.second < second) {
            advanceOneSecond();
        }
        return new Sample(round(cpuSeconds, 1000), memoryBytes(second), round(diskPercent(second), 100),
                buckets[buckets.length - 1], buckets, round(durationSeconds, 1000));
    }

    private void restart() {
        second = 0;
        // The seed document's sample: 0.15 CPU seconds and 150 requests spread 50/100/150/150.
        cpuSeconds = 0.15;
        buckets = new long[] {50, 100, 150, 150, 150};
        durationSeconds = LatencyProfile.seconds(buckets, 0);
    }

    private void advanceOneSecond() {
        double rate = DemoSchedule.requestRate(second);
        long requests = Math.max(0, Math.round(rate + Math.sqrt(rate) * jitter.at(REQUESTS, second)));
        long[] spread = DemoSchedule.latency(second).spread(requests);
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] += spread[i];
        }
        durationSeconds += LatencyProfile.seconds(spread, jitter.at(DURATION, second));
        // Busier seconds burn more CPU; the floor keeps the counter strictly rising.
        cpuSeconds += 0.1 + 0.012 * requests + 0.03 * jitter.at(CPU, second);
        second++;
    }

    private double diskPercent(long at) {
        return DemoSchedule.diskPercent(at) + 0.2 * jitter.at(DISK, at);
    }

    private long memoryBytes(long at) {
        double ripple = 30 * Math.sin(2 * Math.PI * at / memoryRipplePeriod);
        double megabytes = DemoSchedule.memoryMegabytes(at) + ripple + 3 * jitter.at(MEMORY, at);
        return Math.round(megabytes * 1_000_000);
    }

    private static double round(double value, double scale) {
        return Math.round(value * scale) / scale;
    }
}
