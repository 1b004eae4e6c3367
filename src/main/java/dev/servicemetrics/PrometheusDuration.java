package dev.servicemetrics;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus' duration syntax (90s, 15m, 1h30m, 2w, 1y), read the same way wherever the service takes one:
 * HISTORY_WINDOW, the range and step of a history request, a silence's duration.
 */
public final class PrometheusDuration {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");

    private PrometheusDuration() {
    }

    /** Empty when the text is not a positive Prometheus duration (or one too large for a {@link Duration}). */
    public static Optional<Duration> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        Matcher part = PART.matcher(trimmed);
        Duration total = Duration.ZERO;
        int end = 0;
        try {
            while (part.find() && part.start() == end) {
                total = total.plus(unit(part.group(2)).multipliedBy(Long.parseLong(part.group(1))));
                end = part.end();
            }
        } catch (ArithmeticException | NumberFormatException tooLarge) {
            return Optional.empty();
        }
        return end == trimmed.length() && !total.isZero() ? Optional.of(total) : Optional.empty();
    }

    private static Duration unit(String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(1);
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            case "d" -> Duration.ofDays(1);
            case "w" -> Duration.ofDays(7);
            default -> Duration.ofDays(365);
        };
    }
}
