package dev.servicemetrics.mock;

/** The five seed metrics at one moment; {@code buckets} are cumulative, the last one is +Inf. */
record Sample(double cpuSeconds, long memoryBytes, double diskPercent, long requests,
              long[] buckets, double durationSeconds) {

    static final double[] BUCKET_BOUNDS = {0.1, 0.2, 0.5, 1};

    Sample {
        buckets = buckets.clone();
    }

    @Override
    public long[] buckets() {
        return buckets.clone();
    }

    long durationCount() {
        return buckets[buckets.length - 1];
    }
}
