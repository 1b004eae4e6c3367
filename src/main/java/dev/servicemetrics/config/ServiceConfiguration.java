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
    /** What the {@code auto} settings are derived from. */
    private final long maxHeapBytes = Runtime.getRuntime().maxMemory();

    @Inject
    Config config;

    private URI prometheusUrl;
    private URI alertmanagerUrl;
    private Duration scrapeInterval;
    private Optional<Duration> reconcileInterval;
    private DatabaseSettings database;
    private List<String> apiTokens;
    private List<String> webhookTokens;
    private int authFailureLimit;
    private Duration authFailureWindow;
    private int liveMaxConnections;
    private int liveMaxConnectionsPerAddress;
    private Duration liveIdleTimeout;
    private int liveMaxCommands;
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
            reconcileInterval = ConfigValues.optionalDuration("RECONCILE_INTERVAL", raw("reconcile.interval"), Duration.ofSeconds(1));
            database = DatabaseSettings.of(raw("database.url"), raw("database.user"), raw("database.password"));
            apiTokens = ConfigValues.tokens(setting("API_TOKEN", "api.token"), setting("API_TOKENS", "api.tokens"),
                    setting("API_TOKEN_FILE", "api.token.file"));
            List<String> webhook = ConfigValues.tokens(setting("WEBHOOK_TOKEN", "webhook.token"),
                    setting("WEBHOOK_TOKENS", "webhook.tokens"), setting("WEBHOOK_TOKEN_FILE", "webhook.token.file"));
            webhookTokens = webhook.isEmpty() ? apiTokens : webhook;
            authFailureLimit = ConfigValues.wholeNumber("AUTH_FAILURE_LIMIT", raw("auth.failure.limit"), 0, 1_000_000);
            authFailureWindow = ConfigValues.prometheusDuration("AUTH_FAILURE_WINDOW", raw("auth.failure.window"));
            liveMaxConnections = ConfigValues.connectionLimit("LIVE_MAX_CONNECTIONS", raw("live.max.connections"), maxHeapBytes);
            liveMaxConnectionsPerAddress = ConfigValues.wholeNumber("LIVE_MAX_CONNECTIONS_PER_ADDRESS",
                    raw("live.max.connections.per.address"), 0, 1_000_000);
            liveIdleTimeout = Duration.ofSeconds(ConfigValues.positiveInt("LIVE_IDLE_TIMEOUT", raw("live.idle.timeout"), 86_400));
            liveMaxCommands = ConfigValues.positiveInt("LIVE_MAX_COMMANDS", raw("live.max.commands"), 1_000_000);
            corsAllowedOrigins = ConfigValues.origins("CORS_ALLOWED_ORIGINS", raw("cors.allowed.origins"));
            metricsQueries = ConfigValues.readableFile("METRICS_QUERIES", raw("metrics.queries"));
            historyWindow = ConfigValues.prometheusDuration("HISTORY_WINDOW", raw("history.window"));
            webhookMaxBytes = ConfigValues.webhookLimit("WEBHOOK_MAX_BYTES", raw("webhook.max.bytes"), maxHeapBytes,
                    MIN_WEBHOOK_BYTES, MAX_WEBHOOK_BYTES);
            livePingInterval = Duration.ofSeconds(ConfigValues.positiveInt("LIVE_PING_INTERVAL", raw("live.ping.interval"), 3600));
        } catch (InvalidConfigurationException invalid) {
            StartupFailure.stop(invalid);
            throw invalid;
        }
    }

    /** Eager: the configuration is checked and logged when the application starts, not on first use. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        LOG.info(() -> "Effective configuration: " + describe());
        if (apiTokens.isEmpty()) {
            LOG.warning("API_TOKEN is not set: mutating endpoints answer 401 until it is");
        }
    }

    private ConfigValues.Setting setting(String variable, String name) {
        return new ConfigValues.Setting(variable, raw(name));
    }

    private String raw(String name) {
        return config.getOptionalValue(name, String.class).orElse(null);
    }

    String describe() {
        return "PROMETHEUS_URL=" + prometheusUrl
                + " ALERTMANAGER_URL=" + alertmanagerUrl
                + " SCRAPE_INTERVAL=" + scrapeInterval.toSeconds()
                + " RECONCILE_INTERVAL=" + reconcileInterval.map(interval -> interval.toSeconds() + "s").orElse("(3 x SCRAPE_INTERVAL, at least 15s)")
                + " DATABASE_URL=" + database.url()
                + " DATABASE_USER=" + database.user()
                + " DATABASE_PASSWORD=" + mask(Optional.of(database.password()).filter(p -> !p.isEmpty()))
                + " API_TOKEN=" + mask(apiTokens)
                + " WEBHOOK_TOKEN=" + mask(webhookTokens)
                + " AUTH_FAILURE_LIMIT=" + authFailureLimit
                + " AUTH_FAILURE_WINDOW=" + raw("auth.failure.window")
                + " LIVE_MAX_CONNECTIONS=" + orAuto("live.max.connections", liveMaxConnections)
                + " LIVE_MAX_CONNECTIONS_PER_ADDRESS=" + liveMaxConnectionsPerAddress
                + " LIVE_IDLE_TIMEOUT=" + liveIdleTimeout.toSeconds()
                + " LIVE_MAX_COMMANDS=" + liveMaxCommands
                + " CORS_ALLOWED_ORIGINS=" + String.join(",", corsAllowedOrigins)
                + " METRICS_QUERIES=" + metricsQueries.map(Path::toString).orElse("(built-in)")
                + " HISTORY_WINDOW=" + raw("history.window")
                + " WEBHOOK_MAX_BYTES=" + orAuto("webhook.max.bytes", webhookMaxBytes)
                + " LIVE_PING_INTERVAL=" + livePingInterval.toSeconds();
    }

    /** A value as set, or, for {@code auto}, what it came to and from which heap. */
    private String orAuto(String name, int value) {
        return ConfigValues.isAuto(raw(name)) ? "auto (" + value + " for a " + maxHeapBytes / (1024 * 1024) + " MiB heap)"
                : String.valueOf(value);
    }

    private static String mask(Optional<String> secret) {
        return secret.isPresent() ? "****" : "(unset)";
    }

    /** How many tokens, never what they are: {@code ****} or {@code 2 tokens (****)} during a rotation. */
    private static String mask(List<String> tokens) {
        return tokens.isEmpty() ? "(unset)" : tokens.size() == 1 ? "****" : tokens.size() + " tokens (****)";
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

    /** How often to reconcile with Alertmanager when set; unset, the reconciler derives it from the scrape interval. */
    public Optional<Duration> reconcileInterval() {
        return reconcileInterval;
    }

    public DatabaseSettings database() {
        return database;
    }

    /** The tokens a mutation may carry: one, or several while one is being replaced by the next. */
    public List<String> apiTokens() {
        return apiTokens;
    }

    /** The tokens the webhook accepts; the API's when none is set for it. */
    public List<String> webhookTokens() {
        return webhookTokens;
    }

    /** Wrong tokens one client address may present within {@link #authFailureWindow()} before it gets 429; 0: no limit. */
    public int authFailureLimit() {
        return authFailureLimit;
    }

    public Duration authFailureWindow() {
        return authFailureWindow;
    }

    /** Open WebSocket connections, both endpoints together; 0: no limit. */
    public int liveMaxConnections() {
        return liveMaxConnections;
    }

    /** Open WebSocket connections from one client address; 0: no limit. */
    public int liveMaxConnectionsPerAddress() {
        return liveMaxConnectionsPerAddress;
    }

    /** Commands a /ws client may send within ten seconds; one more gets an error and a close (1008). */
    public int liveMaxCommands() {
        return liveMaxCommands;
    }

    /** How long a /ws connection may stay without a subscription. */
    public Duration liveIdleTimeout() {
        return liveIdleTimeout;
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
