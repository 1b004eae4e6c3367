package dev.servicemetrics.deploy;

import dev.servicemetrics.testsupport.InstalledTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The files in server-config/ as the real promtool and amtool see them. */
class ServerConfigIT {

    static final Path SERVER_CONFIG = Path.of(System.getProperty("basedir", "."), "server-config");
    static final Path PROMETHEUS = SERVER_CONFIG.resolve("prometheus");
    static final Path ALERTMANAGER = SERVER_CONFIG.resolve("alertmanager");
    static final Path RULES = PROMETHEUS.resolve("rules/service-metrics-alerts.yml");

    @ParameterizedTest
    @ValueSource(strings = {"prometheus.yml", "prometheus-local.yml"})
    void prometheusConfigPassesPromtoolCheckConfig(String file) {
        assertSucceeds(InstalledTool.PROMTOOL.run("", "check", "config", PROMETHEUS.resolve(file).toString()));
    }

    @Test
    void alertRulesPassPromtoolCheckRules() {
        assertSucceeds(InstalledTool.PROMTOOL.run("", "check", "rules", RULES.toString()));
    }

    @Test
    void everyAlertFiresAndResolvesOnSeriesShapedLikeTheMocks() {
        Path tests = PROMETHEUS.resolve("rules/service-metrics-alerts.test.yml");
        assertSucceeds(InstalledTool.PROMTOOL.run("", "test", "rules", tests.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alertmanager.yml", "alertmanager-local.yml"})
    void alertmanagerConfigPassesAmtoolCheckConfig(String file) {
        assertSucceeds(InstalledTool.AMTOOL.run("", "check-config", ALERTMANAGER.resolve(file).toString()));
    }

    @Test
    void localPrometheusConfigDiffersOnlyInAddresses() throws IOException {
        String compose = settings(PROMETHEUS.resolve("prometheus.yml"))
                .replace("mock-service:8081", "127.0.0.1:8081")
                .replace("service-metrics:8005", "127.0.0.1:8005")
                .replace("alertmanager:9093", "127.0.0.1:9093");
        assertEquals(compose, settings(PROMETHEUS.resolve("prometheus-local.yml")));
    }

    @Test
    void localAlertmanagerConfigDiffersOnlyInAddressAndTokenFile() throws IOException {
        String compose = settings(ALERTMANAGER.resolve("alertmanager.yml"))
                .replace("http://service-metrics:8005/", "http://127.0.0.1:8005/")
                .replace("credentials_file: /etc/alertmanager/webhook-token", "credentials_file: webhook-token");
        assertEquals(compose, settings(ALERTMANAGER.resolve("alertmanager-local.yml")));
    }

    @Test
    void webhookGoesToTheServiceWithABearerTokenFromAFileAndResolvedAlerts() throws IOException {
        String config = settings(ALERTMANAGER.resolve("alertmanager.yml"));
        assertTrue(config.contains("url: http://service-metrics:8005/api/alertmanager/webhook"), config);
        assertTrue(config.contains("type: Bearer"), config);
        assertTrue(config.contains("send_resolved: true"), config);
    }

    /** The file without comments and blank lines: what the program reads. */
    private static String settings(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .filter(line -> !line.isBlank() && !line.stripLeading().startsWith("#"))
                .collect(Collectors.joining("\n"));
    }

    private static void assertSucceeds(InstalledTool.Result result) {
        assertTrue(result.succeeded(), "exit " + result.exitCode() + ":\n" + result.output());
    }
}
