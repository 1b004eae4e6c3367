package dev.servicemetrics.metrics.control;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The range and step of a history request, in Prometheus' duration syntax (90s, 15m, 1h30m). */
public record HistoryRequest(Duration range, Duration step) {

    /** Prometheus refuses range queries of more points than this; so do we. */
    public static final long MAX_POINTS = 11_000;
    public static final Duration MAX_RANGE = Duration.ofDays(31);
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");

    public long points() {
        return range.toMillis() / step.toMillis() + 1;
    }

    /** Empty when the text is not a positive Prometheus duration. */
    public static Optional<Duration> duration(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Matcher part = PART.matcher(text.trim());
        Duration total = Duration.ZERO;
        int end = 0;
        try {
            while (part.find() && part.start() == end) {
                long amount = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "d" -> Duration.ofDays(amount);
                    // exact: 2635249153387078803w times 7 wraps round to 5 days
                    case "w" -> Duration.ofDays(Math.multiplyExact(7, amount));
                    default -> Duration.ofDays(Math.multiplyExact(365, amount));
                });
                end = part.end();
            }
        } catch (ArithmeticException | NumberFormatException tooLarge) {
            return Optional.empty();
        }
        return end == text.trim().length() && !total.isZero() ? Optional.of(total) : Optional.empty();
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
