package dev.servicemetrics.metrics.control;

import dev.servicemetrics.PrometheusDuration;
import java.time.Duration;
import java.util.Optional;

/** The range and step of a history request, in Prometheus' duration syntax (90s, 15m, 1h30m). */
public record HistoryRequest(Duration range, Duration step) {

    /** Prometheus refuses range queries of more points than this; so do we. */
    public static final long MAX_POINTS = 11_000;
    public static final Duration MAX_RANGE = Duration.ofDays(31);

    public long points() {
        return range.toMillis() / step.toMillis() + 1;
    }

    /** Empty when the text is not a positive Prometheus duration; see {@link PrometheusDuration}. */
    public static Optional<Duration> duration(String text) {
        return PrometheusDuration.parse(text);
    }

    public static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + "ms";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
