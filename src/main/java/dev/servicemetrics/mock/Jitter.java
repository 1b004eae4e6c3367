package dev.servicemetrics.mock;

/**
 * Seeded noise that depends only on (seed, stream, second), never on how often anyone scraped,
 * so two runs with the same seed see the same values at the same elapsed second.
 */
record Jitter(long seed) {

    /** A value in [-1, 1). Streams keep the noise of different metrics independent. */
    double at(int stream, long second) {
        // SplitMix64's finaliser: cheap, stateless, and well mixed even for neighbouring inputs.
        long z = seed * 0x9E3779B97F4A7C15L + stream * 0xD1B54A32D192ED03L + second * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-52 - 1.0;
    }
}
