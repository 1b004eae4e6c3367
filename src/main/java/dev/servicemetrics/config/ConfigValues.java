package dev.servicemetrics.config;

import dev.servicemetrics.PrometheusDuration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Parses raw configuration strings into typed values, naming the variable when a value is wrong. */
final class ConfigValues {

    private static final Pattern ORIGIN = Pattern.compile("https?://[^/\\s?#]+");

    private ConfigValues() {
    }

    static URI httpUrl(String variable, String value) {
        String expected = "an http(s) URL such as http://localhost:9090";
        if (value == null || value.isBlank()) {
            throw new InvalidConfigurationException(variable, value, expected);
        }
        try {
            URI uri = new URI(value.trim());
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (!http || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
                throw new InvalidConfigurationException(variable, value, expected);
            }
            String text = uri.toString();
            return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException(variable, value, expected);
        }
    }

    static int positiveInt(String variable, String value, int max) {
        return wholeNumber(variable, value, 1, max, "a whole number from 1 to " + max);
    }

    static int wholeNumber(String variable, String value, int min, int max) {
        return wholeNumber(variable, value, min, max, "a whole number from " + min + " to " + max);
    }

    /**
     * A cap on open connections: a whole number (0: none), or {@code auto} for as many as a heap of
     * {@code maxHeapBytes} holds (see {@link HeapBudget}).
     */
    static int connectionLimit(String variable, String value, long maxHeapBytes) {
        if (isAuto(value)) {
            return HeapBudget.connections(maxHeapBytes);
        }
        return wholeNumber(variable, value, 0, 1_000_000, "auto, or a whole number from 0 (no limit) to 1000000");
    }

    /**
     * The webhook's body limit: a whole number of bytes from {@code min} to {@code max} (no unit, so that none can be
     * misread: MB or MiB), or {@code auto} for what a heap of {@code maxHeapBytes} holds (see {@link HeapBudget}).
     */
    static int webhookLimit(String variable, String value, long maxHeapBytes, int min, int max) {
        if (isAuto(value)) {
            return HeapBudget.webhookBytes(maxHeapBytes);
        }
        return wholeNumber(variable, value, min, max, "auto, or a whole number of bytes from " + min + " to " + max);
    }

    static boolean isAuto(String value) {
        return value != null && "auto".equalsIgnoreCase(value.trim());
    }

    private static int wholeNumber(String variable, String value, int min, int max, String expected) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number < min || number > max) {
                throw new InvalidConfigurationException(variable, value, expected);
            }
            return number;
        } catch (NumberFormatException | NullPointerException e) {
            throw new InvalidConfigurationException(variable, value, expected);
        }
    }

    /** A Prometheus duration: 90s, 15m, 1h30m. */
    static Duration prometheusDuration(String variable, String value) {
        return PrometheusDuration.parse(value).orElseThrow(() ->
                new InvalidConfigurationException(variable, value, "a Prometheus duration such as 15m, 1h or 90s"));
    }

    /** An optional Prometheus duration of at least {@code min}: empty when unset. */
    static Optional<Duration> optionalDuration(String variable, String value, Duration min) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Duration duration = PrometheusDuration.parse(value.trim())
                .filter(parsed -> parsed.compareTo(min) >= 0)
                .orElseThrow(() -> new InvalidConfigurationException(variable, value,
                        "a Prometheus duration of at least " + min.toSeconds() + "s, such as 30s or 2m"));
        return Optional.of(duration);
    }

    static List<String> origins(String variable, String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> origins = Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(origin -> !origin.isEmpty())
                .map(origin -> origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin)
                .toList();
        for (String origin : origins) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw new InvalidConfigurationException(variable, value,
                        "a comma-separated list of origins such as http://localhost:3000,https://grafana.example.com");
            }
        }
        return origins;
    }

    static Optional<Path> readableFile(String variable, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(value.trim());
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new InvalidConfigurationException(variable, value, "the path of a readable file");
        }
        return Optional.of(path);
    }

    static Optional<String> secret(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /**
     * The bearer tokens accepted for one purpose, from exactly one of three variables: {@code single} (one
     * token), {@code list} (a comma list, for a rotation) or {@code file} (a file of one token a line, as a
     * Kubernetes secret is mounted; blank lines and the trailing newline are ignored). No message ever quotes
     * a token: a wrong list is named, not shown.
     */
    static List<String> tokens(Setting single, Setting list, Setting file) {
        List<Setting> set = Stream.of(single, list, file).filter(Setting::present).toList();
        if (set.size() > 1) {
            Setting named = set.get(set.size() - 1);
            throw new InvalidConfigurationException(named.variable(), named == file ? file.value() : "****",
                    set.get(0).variable() + " is set too", "only one of " + single.variable() + ", " + list.variable()
                            + " and " + file.variable());
        }
        if (single.present()) {
            return List.of(single.value().strip());
        }
        if (list.present()) {
            return split(Arrays.asList(list.value().split(",")));
        }
        if (!file.present()) {
            return List.of();
        }
        String expected = "the path of a readable file holding the token (one per line during a rotation)";
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(file.value().strip()), StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException | InvalidPathException e) {
            throw new InvalidConfigurationException(file.variable(), file.value(),
                    "it cannot be read (" + e.getClass().getSimpleName() + ")", expected);
        }
        List<String> tokens = split(lines);
        if (tokens.isEmpty()) {
            throw new InvalidConfigurationException(file.variable(), file.value(), "the file holds no token", expected);
        }
        return tokens;
    }

    private static List<String> split(List<String> parts) {
        return parts.stream().map(String::strip).filter(token -> !token.isEmpty()).distinct().toList();
    }

    /** A raw value with the environment variable it comes from; present when set and not blank. */
    record Setting(String variable, String value) {
        boolean present() {
            return value != null && !value.isBlank();
        }
    }
}
