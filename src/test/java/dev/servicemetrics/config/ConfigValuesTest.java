package dev.servicemetrics.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigValuesTest {

    @Test
    void urlLosesItsTrailingSlash() {
        assertEquals(URI.create("http://prometheus:9090"), ConfigValues.httpUrl("PROMETHEUS_URL", "http://prometheus:9090/"));
        assertEquals(URI.create("https://prom.example.com/prefix"), ConfigValues.httpUrl("PROMETHEUS_URL", "https://prom.example.com/prefix"));
    }

    @Test
    void malformedUrlNamesTheVariable() {
        for (String bad : List.of("not a url", "localhost:9090", "ftp://host", "http://", "")) {
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                    () -> ConfigValues.httpUrl("PROMETHEUS_URL", bad), bad);
            assertTrue(e.getMessage().startsWith("PROMETHEUS_URL="), e.getMessage());
            assertTrue(e.getMessage().contains("expected an http(s) URL"), e.getMessage());
        }
    }

    @Test
    void intervalMustBeAPositiveWholeNumber() {
        assertEquals(10, ConfigValues.positiveInt("SCRAPE_INTERVAL", " 10 ", 3600));
        for (String bad : List.of("-5", "0", "ten", "1.5", "3601")) {
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                    () -> ConfigValues.positiveInt("SCRAPE_INTERVAL", bad, 3600), bad);
            assertEquals("SCRAPE_INTERVAL='" + bad + "' is invalid: expected a whole number from 1 to 3600", e.getMessage());
        }
    }

    @Test
    void autoConnectionLimitIsWhatTheHeapHoldsAndANumberIsTakenAsItIs() {
        long mib = 1024L * 1024L;
        assertEquals(3072, ConfigValues.connectionLimit("LIVE_MAX_CONNECTIONS", "auto", 384 * mib), "a 768 MiB container");
        assertEquals(3072, ConfigValues.connectionLimit("LIVE_MAX_CONNECTIONS", " AUTO ", 384 * mib));
        assertEquals(9216, ConfigValues.connectionLimit("LIVE_MAX_CONNECTIONS", "auto", 768 * mib));
        assertEquals(10_000, ConfigValues.connectionLimit("LIVE_MAX_CONNECTIONS", "auto", 1024 * mib), "at most 10,000");
        assertEquals(100, ConfigValues.connectionLimit("LIVE_MAX_CONNECTIONS", "auto", 128 * mib), "a few even on a tiny heap");
        assertEquals(25_000, ConfigValues.connectionLimit("LIVE_MAX_CONNECTIONS", "25000", 384 * mib), "the operator's number");
        assertEquals(0, ConfigValues.connectionLimit("LIVE_MAX_CONNECTIONS", "0", 384 * mib), "no limit");
        for (String bad : List.of("automatic", "-1", "1000001", "", "10k")) {
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                    () -> ConfigValues.connectionLimit("LIVE_MAX_CONNECTIONS", bad, 384 * mib), bad);
            assertEquals("LIVE_MAX_CONNECTIONS='" + bad + "' is invalid: expected auto, or a whole number from 0 (no limit) to 1000000",
                    e.getMessage());
        }
    }

    @Test
    void autoWebhookLimitIsWhatTheHeapHoldsAndANumberIsTakenAsItIs() {
        long mib = 1024L * 1024L;
        int least = 1048576;
        int most = 1073741824;
        assertEquals(16777216, ConfigValues.webhookLimit("WEBHOOK_MAX_BYTES", "auto", 384 * mib, least, most),
                "a 768 MiB container: 16 MiB, about 36,000 alerts");
        assertEquals(67108864, ConfigValues.webhookLimit("WEBHOOK_MAX_BYTES", "Auto", 2048 * mib, least, most), "at most 64 MiB");
        assertEquals(least, ConfigValues.webhookLimit("WEBHOOK_MAX_BYTES", "auto", 128 * mib, least, most), "at least 1 MiB");
        assertEquals(67108864, ConfigValues.webhookLimit("WEBHOOK_MAX_BYTES", "67108864", 384 * mib, least, most), "the operator's number");
        for (String bad : List.of("automatic", "64MiB", "1048575", "")) {
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                    () -> ConfigValues.webhookLimit("WEBHOOK_MAX_BYTES", bad, 384 * mib, least, most), bad);
            assertEquals("WEBHOOK_MAX_BYTES='" + bad + "' is invalid: expected auto, or a whole number of bytes from 1048576 to 1073741824",
                    e.getMessage());
        }
    }

    @Test
    void prometheusDurations() {
        assertEquals(Duration.ofMinutes(15), ConfigValues.prometheusDuration("HISTORY_WINDOW", "15m"));
        assertEquals(Duration.ofMinutes(90), ConfigValues.prometheusDuration("HISTORY_WINDOW", "1h30m"));
        assertEquals(Duration.ofSeconds(90), ConfigValues.prometheusDuration("HISTORY_WINDOW", "90s"));
        for (String bad : List.of("15", "m15", "15 m", "0m", "-1m", "15min", "99999999999999999999s", "")) {
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                    () -> ConfigValues.prometheusDuration("HISTORY_WINDOW", bad), bad);
            assertEquals("HISTORY_WINDOW='" + bad + "' is invalid: expected a Prometheus duration such as 15m, 1h or 90s", e.getMessage());
        }
    }

    @Test
    void anOptionalDurationIsEmptyWhenUnsetAndAtLeastItsMinimumWhenSet() {
        assertEquals(Optional.empty(), ConfigValues.optionalDuration("RECONCILE_INTERVAL", null, Duration.ofSeconds(1)));
        assertEquals(Optional.empty(), ConfigValues.optionalDuration("RECONCILE_INTERVAL", " ", Duration.ofSeconds(1)));
        assertEquals(Optional.of(Duration.ofSeconds(1)), ConfigValues.optionalDuration("RECONCILE_INTERVAL", "1s", Duration.ofSeconds(1)));
        assertEquals(Optional.of(Duration.ofMinutes(2)), ConfigValues.optionalDuration("RECONCILE_INTERVAL", " 2m ", Duration.ofSeconds(1)));
        for (String bad : List.of("500ms", "0s", "30", "-1m", "soon")) {
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                    () -> ConfigValues.optionalDuration("RECONCILE_INTERVAL", bad, Duration.ofSeconds(1)), bad);
            assertEquals("RECONCILE_INTERVAL='" + bad + "' is invalid: expected a Prometheus duration of at least 1s, such as 30s or 2m",
                    e.getMessage());
        }
    }

    @Test
    void aDurationTooLongForJavaIsInvalidConfiguration() {
        for (String tooLong : List.of("15250284452472w", "99999999999999999999s", "1504300494441888408794h", "9223372036854775807d1d")) {
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                    () -> ConfigValues.prometheusDuration("HISTORY_WINDOW", tooLong), tooLong);
            assertEquals("HISTORY_WINDOW='" + tooLong + "' is invalid: expected a Prometheus duration such as 15m, 1h or 90s",
                    e.getMessage());
        }
    }

    @Test
    void originsAreTrimmedAndChecked() {
        assertEquals(List.of("http://localhost:3000", "https://grafana.example.com"),
                ConfigValues.origins("CORS_ALLOWED_ORIGINS", " http://localhost:3000 , https://grafana.example.com/ "));
        assertThrows(InvalidConfigurationException.class, () -> ConfigValues.origins("CORS_ALLOWED_ORIGINS", "localhost:3000"));
        assertThrows(InvalidConfigurationException.class, () -> ConfigValues.origins("CORS_ALLOWED_ORIGINS", "http://a.com/path"));
    }

    @Test
    void queriesFileMustBeReadable(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("queries.yml"), "x");
        assertEquals(file, ConfigValues.readableFile("METRICS_QUERIES", file.toString()).orElseThrow());
        assertTrue(ConfigValues.readableFile("METRICS_QUERIES", null).isEmpty());
        assertThrows(InvalidConfigurationException.class, () -> ConfigValues.readableFile("METRICS_QUERIES", dir.resolve("missing").toString()));
        assertThrows(InvalidConfigurationException.class, () -> ConfigValues.readableFile("METRICS_QUERIES", dir.toString()));
    }

    private static ConfigValues.Setting unset(String variable) {
        return new ConfigValues.Setting(variable, null);
    }

    @Test
    void tokensComeFromOneVariableAndAListOrFileHoldsSeveral(@TempDir Path dir) throws Exception {
        assertEquals(List.of("t1"), ConfigValues.tokens(new ConfigValues.Setting("API_TOKEN", "t1"),
                unset("API_TOKENS"), unset("API_TOKEN_FILE")));
        assertEquals(List.of("old", "new"), ConfigValues.tokens(unset("API_TOKEN"),
                new ConfigValues.Setting("API_TOKENS", " old, new ,"), unset("API_TOKEN_FILE")));
        Path secret = dir.resolve("token");
        Files.writeString(secret, "from-the-secret\n");
        assertEquals(List.of("from-the-secret"), ConfigValues.tokens(unset("API_TOKEN"), unset("API_TOKENS"),
                new ConfigValues.Setting("API_TOKEN_FILE", secret.toString())), "the trailing newline is not part of it");
        Files.writeString(secret, "old\r\n\nnew\n");
        assertEquals(List.of("old", "new"), ConfigValues.tokens(unset("API_TOKEN"), unset("API_TOKENS"),
                new ConfigValues.Setting("API_TOKEN_FILE", secret.toString())));
        assertEquals(List.of(), ConfigValues.tokens(unset("API_TOKEN"), unset("API_TOKENS"), unset("API_TOKEN_FILE")));
    }

    @Test
    void aMissingOrEmptyTokenFileOrTwoSourcesStopTheStartWithoutQuotingAToken(@TempDir Path dir) throws Exception {
        InvalidConfigurationException missing = assertThrows(InvalidConfigurationException.class, () -> ConfigValues.tokens(
                unset("API_TOKEN"), unset("API_TOKENS"), new ConfigValues.Setting("API_TOKEN_FILE", dir.resolve("nope").toString())));
        assertTrue(missing.getMessage().startsWith("API_TOKEN_FILE='" + dir.resolve("nope") + "' is invalid: it cannot be read"),
                missing.getMessage());
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertTrue(assertThrows(InvalidConfigurationException.class, () -> ConfigValues.tokens(unset("API_TOKEN"), unset("API_TOKENS"),
                new ConfigValues.Setting("API_TOKEN_FILE", empty.toString()))).getMessage().contains("holds no token"));
        InvalidConfigurationException both = assertThrows(InvalidConfigurationException.class, () -> ConfigValues.tokens(
                new ConfigValues.Setting("API_TOKEN", "secret-one"), new ConfigValues.Setting("API_TOKENS", "secret-two,secret-three"),
                unset("API_TOKEN_FILE")));
        assertEquals("API_TOKENS='****' is invalid: API_TOKEN is set too; expected only one of API_TOKEN, API_TOKENS and API_TOKEN_FILE",
                both.getMessage());
    }
}
