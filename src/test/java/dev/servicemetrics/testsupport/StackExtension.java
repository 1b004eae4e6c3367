package dev.servicemetrics.testsupport;

import dev.servicemetrics.mock.MockExporter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a named stack once per test class, wired together, and stops it in reverse order after the
 * class, also when a start fails halfway (the {@link Stack} lives in JUnit's class-level store, which
 * closes it). The components start in their dependency order whatever order they are named in:
 * the mock exporter, Prometheus scraping it, Alertmanager, PostgreSQL, then the service with
 * PROMETHEUS_URL, ALERTMANAGER_URL and DATABASE_URL/USER of the ones started, plus the test's own
 * environment (which wins).
 *
 * <pre>
 * &#64;RegisterExtension
 * static final StackExtension stack = StackExtension.of(Component.MOCK_EXPORTER, Component.PROMETHEUS, Component.SERVICE)
 *         .named("scrape-pipeline-it")
 *         .env("SCRAPE_INTERVAL", "2");
 * </pre>
 */
public final class StackExtension implements BeforeAllCallback {

    /** What a stack can hold, in the order they start. */
    public enum Component {
        /** The bundled mock exporter, in-process on 127.0.0.1. */
        MOCK_EXPORTER,
        /** Prometheus: scraping the mock exporter every second when it is in the stack, scraping nothing otherwise. */
        PROMETHEUS,
        /** Alertmanager: routing to no receiver unless {@link #alertmanager(IntFunction, Map)} configures it. */
        ALERTMANAGER,
        POSTGRES,
        /** The built microbundle (Payara Micro). */
        SERVICE
    }

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StackExtension.class);
    private static final String NO_RECEIVER = "route:\n  receiver: none\nreceivers:\n  - name: none\n";

    private final Set<Component> components;
    private final Map<String, String> env = new LinkedHashMap<>();
    private String name = "stack";
    private long exporterSeed = 42;
    private String prometheusConfig;
    private IntFunction<String> alertmanagerConfig = servicePort -> NO_RECEIVER;
    private Map<String, String> alertmanagerFiles = Map.of();

    private MockExporter exporter;
    private PrometheusProcess prometheus;
    private AlertmanagerProcess alertmanager;
    private Postgres postgres;
    private ServiceProcess service;
    private int servicePort;

    private StackExtension(Set<Component> components) {
        this.components = components;
    }

    public static StackExtension of(Component... components) {
        EnumSet<Component> set = EnumSet.noneOf(Component.class);
        set.addAll(List.of(components));
        return new StackExtension(set);
    }

    /** The service's name: its log is target/it-logs/NAME.log. */
    public StackExtension named(String serviceName) {
        this.name = serviceName;
        return this;
    }

    /** An environment variable of the service, set after the wiring (so it may override it). */
    public StackExtension env(String key, String value) {
        env.put(key, value);
        return this;
    }

    public StackExtension exporterSeed(long seed) {
        this.exporterSeed = seed;
        return this;
    }

    /** Prometheus on this configuration instead of the default one. */
    public StackExtension prometheus(String configYaml) {
        this.prometheusConfig = configYaml;
        return this;
    }

    /**
     * Alertmanager on the configuration {@code configByServicePort} gives for the service's port (chosen
     * before anything starts, so a webhook can point at it), with {@code files} beside it.
     */
    public StackExtension alertmanager(IntFunction<String> configByServicePort, Map<String, String> files) {
        this.alertmanagerConfig = configByServicePort;
        this.alertmanagerFiles = Map.copyOf(files);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Stack stack = new Stack();
        context.getStore(NAMESPACE).put(Stack.class, stack);
        servicePort = FreePort.next();
        if (components.contains(Component.MOCK_EXPORTER)) {
            exporter = stack.start(() -> MockExporter.start("127.0.0.1", 0, exporterSeed));
        }
        if (components.contains(Component.PROMETHEUS)) {
            prometheus = stack.start(this::startPrometheus);
        }
        if (components.contains(Component.ALERTMANAGER)) {
            alertmanager = stack.start(() -> AlertmanagerProcess.start(alertmanagerConfig.apply(servicePort), alertmanagerFiles));
        }
        if (components.contains(Component.POSTGRES)) {
            postgres = stack.start(Postgres::start);
        }
        if (components.contains(Component.SERVICE)) {
            service = stack.start(this::startService);
        }
    }

    private PrometheusProcess startPrometheus() {
        if (prometheusConfig != null) {
            return PrometheusProcess.start(prometheusConfig);
        }
        return exporter != null
                ? PrometheusProcess.scrapingMockExporter(exporter.uri())
                : PrometheusProcess.start("global:\n  scrape_interval: 15s\n");
    }

    private ServiceProcess startService() {
        ServiceProcess.Builder builder = ServiceProcess.builder(name).port(servicePort);
        if (prometheus != null) {
            builder.env("PROMETHEUS_URL", prometheus.uri().toString());
        }
        if (alertmanager != null) {
            builder.env("ALERTMANAGER_URL", alertmanager.uri().toString());
        }
        if (postgres != null) {
            builder.env("DATABASE_URL", postgres.jdbcUrl());
            builder.env("DATABASE_USER", postgres.user());
        }
        env.forEach(builder::env);
        return builder.start();
    }

    public ServiceProcess service() {
        return started(service, Component.SERVICE);
    }

    public PrometheusProcess prometheus() {
        return started(prometheus, Component.PROMETHEUS);
    }

    public AlertmanagerProcess alertmanager() {
        return started(alertmanager, Component.ALERTMANAGER);
    }

    public Postgres postgres() {
        return started(postgres, Component.POSTGRES);
    }

    public MockExporter exporter() {
        return started(exporter, Component.MOCK_EXPORTER);
    }

    private <T> T started(T component, Component which) {
        if (component == null) {
            throw new IllegalStateException(which + (components.contains(which)
                    ? " has not started (yet): ask for it from a test or an @BeforeAll method"
                    : " is not in this stack " + components));
        }
        return component;
    }
}
