package dev.servicemetrics.config;

import dev.servicemetrics.database.DatabaseSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The one typed place for the service's configuration (MicroProfile Config; an environment variable
 * such as SCRAPE_INTERVAL overrides the default of scrape.interval). Everything is parsed and checked
 * once, at start: a bad value stops the process (see {@link StartupFailure}).
 */
@ApplicationScoped
public class ServiceConfiguration {

    private static final Logger LOG = Logger.getLogger(ServiceConfiguration.class.getName());
    /** Below the 1 MiB of every other endpoint the webhook would refuse what the rest of the API takes. */
    static final int MIN_WEBHOOK_BYTES = 1024 * 1024;
    /** A parsed notification takes several times its size in heap; past 1 GiB no sensible heap holds one. */
    static final int MAX_WEBHOOK_BYTES = 1024 * 1024 * 1024;

    @Inject
    Config config;

    private URI prometheusUrl;
    private URI alertmanagerUrl;
    private Duration scrapeInterval;
    private int mockServicePort;
    private DatabaseSettings database;
    private Optional<String> apiToken;
    private Optional<String> webhookToken;
    private List<String> corsAllowedOrigins;
    private Optional<Path> metricsQueries;
    private Duration historyWindow;
    private int webhookMaxBytes;
    private Duration livePingInterval;

    @PostConstruct
    void load() {
        try {
            prometheusUrl = ConfigValues.httpUrl("PROMETHEUS_URL", raw("prometheus.url"));
            alertmanagerUrl = ConfigValues.httpUrl("ALERTMANAGER_URL", raw("alertmanager.url"));
            scrapeInterval = Duration.ofSeconds(ConfigValues.positiveInt("SCRAPE_INTERVAL", raw("scrape.interval"), 3600));
            mockServicePort = ConfigValues.positiveInt("MOCK_SERVICE_PORT", raw("mock.service.port"), 65535);
            database = DatabaseSettings.of(raw("database.url"), raw("database.user"), raw("database.password"));
            apiToken = ConfigValues.secret(raw("api.token"));
            webhookToken = ConfigValues.secret(raw("webhook.token")).or(() -> apiToken);
            corsAllowedOrigins = ConfigValues.origins("CORS_ALLOWED_ORIGINS", raw("cors.allowed.origins"));
            metricsQueries = ConfigValues.readableFile("METRICS_QUERIES", raw("metrics.queries"));
            historyWindow = ConfigValues.prometheusDuration("HISTORY_WINDOW", raw("history.window"));
            webhookMaxBytes = ConfigValues.byteCount("WEBHOOK_MAX_BYTES", raw("webhook.max.bytes"), MIN_WEBHOOK_BYTES, MAX_WEBHOOK_BYTES);
            livePingInterval = Duration.ofSeconds(ConfigValues.positiveInt("LIVE_PING_INTERVAL", raw("live.ping.interval"), 3600));
        } catch (InvalidConfigurationException invalid) {
            StartupFailure.stop(invalid);
            throw invalid;
        }
    }

    /** Eager: the configuration is checked and logged when the application starts, not on first use. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        LOG.info(() -> "Effective configuration: " + describe());
        if (apiToken.isEmpty()) {
            LOG.warning("API_TOKEN is not set: mutating endpoints answer 401 until it is");
        }
    }

    private String raw(String name) {
        return config.getOptionalValue(name, String.class).orElse(null);
    }

    String describe() {
        return "PROMETHEUS_URL=" + prometheusUrl
                + " ALERTMANAGER_URL=" + alertmanagerUrl
                + " SCRAPE_INTERVAL=" + scrapeInterval.toSeconds()
                + " MOCK_SERVICE_PORT=" + mockServicePort
                + " DATABASE_URL=" + database.url()
                + " DATABASE_USER=" + database.user()
                + " DATABASE_PASSWORD=" + mask(Optional.of(database.password()).filter(p -> !p.isEmpty()))
                + " API_TOKEN=" + mask(apiToken)
                + " WEBHOOK_TOKEN=" + mask(webhookToken)
                + " CORS_ALLOWED_ORIGINS=" + String.join(",", corsAllowedOrigins)
                + " METRICS_QUERIES=" + metricsQueries.map(Path::toString).orElse("(built-in)")
                + " HISTORY_WINDOW=" + raw("history.window")
                + " WEBHOOK_MAX_BYTES=" + webhookMaxBytes
                + " LIVE_PING_INTERVAL=" + livePingInterval.toSeconds();
    }

    private static String mask(Optional<String> secret) {
        return secret.isPresent() ? "****" : "(unset)";
    }

    public URI prometheusUrl() {
        return prometheusUrl;
    }

    public URI alertmanagerUrl() {
        return alertmanagerUrl;
    }

    public Duration scrapeInterval() {
        return scrapeInterval;
    }

    public int mockServicePort() {
        return mockServicePort;
    }

    public DatabaseSettings database() {
        return database;
    }

    public Optional<String> apiToken() {
        return apiToken;
    }

    public Optional<String> webhookToken() {
        return webhookToken;
    }

    public List<String> corsAllowedOrigins() {
        return corsAllowedOrigins;
    }

    public Optional<Path> metricsQueries() {
        return metricsQueries;
    }

    public Duration historyWindow() {
        return historyWindow;
    }

    /** The largest body POST /api/alertmanager/webhook takes: one notification carries a whole group of alerts. */
    public int webhookMaxBytes() {
        return webhookMaxBytes;
    }

    /** How often every WebSocket client is pinged; one that has not answered the previous ping is closed. */
    public Duration livePingInterval() {
        return livePingInterval;
    }
}
