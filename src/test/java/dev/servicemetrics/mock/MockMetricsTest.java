package dev.servicemetrics.mock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MockMetricsTest {

    private static final long TWO_HOURS = 2 * 3600;

    @ParameterizedTest
    @ValueSource(longs = {42, 0, 7, -3, 123456789})
    void countersNeverGoDown(long seed) {
        MockMetrics metrics = new MockMetrics(seed);
        Sample previous = metrics.at(0);
        for (long second = 7; second <= TWO_HOURS; second += 7) {
            Sample next = metrics.at(second);
            assertTrue(next.cpuSeconds() > previous.cpuSeconds(), "cpu at " + second);
            assertTrue(next.requests() >= previous.requests(), "requests at " + second);
            assertTrue(next.durationSeconds() >= previous.durationSeconds(), "_sum at " + second);
            for (int i = 0; i < next.buckets().length; i++) {
                assertTrue(next.buckets()[i] >= previous.buckets()[i], "bucket " + i + " at " + second);
            }
            previous = next;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {42, 0, 7})
    void bucketsAreCumulativeAndPlusInfIsTheCountAndTheRequests(long seed) {
        MockMetrics metrics = new MockMetrics(seed);
        for (long second = 0; second <= TWO_HOURS; second += 13) {
            Sample sample = metrics.at(second);
            long[] buckets = sample.buckets();
            for (int i = 1; i < buckets.length; i++) {
                assertTrue(buckets[i] >= buckets[i - 1], "not cumulative at " + second + ": " + Arrays.toString(buckets));
            }
            assertEquals(sample.durationCount(), buckets[buckets.length - 1]);
            assertEquals(sample.requests(), sample.durationCount());
            assertTrue(sample.durationSeconds() >= lowestPossibleSum(buckets) - 0.01, "_sum too small at " + second);
            assertTrue(sample.durationSeconds() <= highestPossibleSum(buckets) + 0.01, "_sum too big at " + second);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {42, 0, 7, -3, 123456789})
    void diskCrossesNinetyPercentWithinFiveMinutesAndFallsBackUnder(long seed) {
        MockMetrics metrics = new MockMetrics(seed);
        long firstAbove = -1;
        long backUnder = -1;
        for (long second = 0; second <= 300 && backUnder < 0; second++) {
            double disk = metrics.at(second).diskPercent();
            if (firstAbove < 0 && disk > 90) {
                firstAbove = second;
            } else if (firstAbove >= 0 && second - firstAbove > 90 && disk < 90) {
                backUnder = second;
            }
        }
        assertTrue(firstAbove > 0 && firstAbove < 120, "disk above 90 % first at " + firstAbove + " s");
        assertTrue(backUnder > 0, "disk never fell back under 90 % within 5 minutes");
        // long enough above 90 % (and above 94 %) for a rule with `for: 1m` (and `for: 30s`) to fire
        assertTrue(secondsAbove(metrics, 94, 0, 300) > 45, "disk above 94 % too briefly");
        assertTrue(backUnder - firstAbove > 120, "disk above 90 % only " + (backUnder - firstAbove) + " s");
    }

    @Test
    void memoryWandersBetween200And900MegabytesAndPasses800Within7Minutes() {
        MockMetrics metrics = new MockMetrics(42);
        for (long second = 0; second <= TWO_HOURS; second += 3) {
            long memory = metrics.at(second).memoryBytes();
            assertTrue(memory >= 200_000_000L && memory <= 900_000_000L, memory + " bytes at " + second);
        }
        metrics = new MockMetrics(42);
        long above = 0;
        for (long second = 0; second <= 420; second++) {
            above += metrics.at(second).memoryBytes() > 800_000_000L ? 1 : 0;
        }
        assertTrue(above > 90, "memory above 800 MB only " + above + " s in the first 7 minutes");
    }

    @Test
    void latencyDegradesDuringTheIncidentWindowOnly() {
        MockMetrics metrics = new MockMetrics(42);
        double normalSlowShare = slowShare(metrics.at(30), metrics.at(150));
        double degradedSlowShare = slowShare(metrics.at(160), metrics.at(300));
        double recoveredSlowShare = slowShare(metrics.at(310), metrics.at(600));
        assertTrue(normalSlowShare < 0.05, "normal share above 0.5 s: " + normalSlowShare);
        assertTrue(degradedSlowShare > 0.2, "degraded share above 0.5 s: " + degradedSlowShare);
        assertTrue(recoveredSlowShare < 0.05, "recovered share above 0.5 s: " + recoveredSlowShare);
    }

    @Test
    void firstSampleIsTheSeedDocumentsSample() {
        Sample first = new MockMetrics(42).at(0);
        assertEquals(0.15, first.cpuSeconds());
        assertEquals(150, first.requests());
        assertArrayEquals(new long[] {50, 100, 150, 150, 150}, first.buckets());
        assertEquals(75.5, first.diskPercent(), 0.2);
        assertEquals(256_000_000, first.memoryBytes(), 3_000_000);
    }

    @Test
    void sameSeedSameValuesWhateverTheScrapePattern() {
        MockMetrics everySecond = new MockMetrics(42);
        for (long second = 0; second < 1000; second++) {
            everySecond.at(second);
        }
        Sample direct = new MockMetrics(42).at(1000);
        assertEquals(direct.diskPercent(), everySecond.at(1000).diskPercent());
        assertEquals(direct.memoryBytes(), everySecond.at(1000).memoryBytes());
        assertEquals(direct.cpuSeconds(), everySecond.at(1000).cpuSeconds());
        assertEquals(direct.requests(), everySecond.at(1000).requests());
        assertArrayEquals(direct.buckets(), everySecond.at(1000).buckets());
        // going back in time replays from the start and gives the same answer again
        assertEquals(new MockMetrics(42).at(10).requests(), everySecond.at(10).requests());
    }

    @Test
    void differentSeedsGiveDifferentValues() {
        assertNotEquals(new MockMetrics(42).at(600).requests(), new MockMetrics(43).at(600).requests());
    }

    private static long secondsAbove(MockMetrics metrics, double percent, long from, long to) {
        long above = 0;
        for (long second = from; second <= to; second++) {
            above += metrics.at(second).diskPercent() > percent ? 1 : 0;
        }
        return above;
    }

    private static double slowShare(Sample from, Sample to) {
        long total = to.durationCount() - from.durationCount();
        long fast = to.buckets()[2] - from.buckets()[2];
        return (double) (total - fast) / total;
    }

    private static double lowestPossibleSum(long[] buckets) {
        double sum = 0;
        for (int i = 1; i < buckets.length; i++) {
            sum += (buckets[i] - buckets[i - 1]) * Sample.BUCKET_BOUNDS[i - 1];
        }
        return sum;
    }

    private static double highestPossibleSum(long[] buckets) {
        double sum = 0;
        long below = 0;
        for (int i = 0; i < Sample.BUCKET_BOUNDS.length; i++) {
            sum += (buckets[i] - below) * Sample.BUCKET_BOUNDS[i];
            below = buckets[i];
        }
        // nothing bounds the +Inf bucket; 2.08 s is the mock's longest (1.6 s stretched by 30 %)
        return sum + (buckets[buckets.length - 1] - below) * 2.08;
    }
}
