package dev.servicemetrics.testsupport;

import java.time.Duration;

/**
 * How long a test waits for something a service does once per interval (a scrape cycle, a ping): many intervals,
 * because a loaded two-core machine runs late. A bound, never an expectation: a test waits for its condition and
 * asserts what it saw, not how long it took.
 */
public final class Patience {

    private static final int INTERVALS = 30;
    private static final Duration FLOOR = Duration.ofSeconds(30);

    private Patience() {
    }

    public static Duration ofIntervals(Duration interval) {
        return interval.multipliedBy(INTERVALS).plus(FLOOR);
    }
}
