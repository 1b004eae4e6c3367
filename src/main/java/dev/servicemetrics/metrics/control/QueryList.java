package dev.servicemetrics.metrics.control;

import dev.servicemetrics.config.InvalidConfigurationException;
import dev.servicemetrics.config.ServiceConfiguration;
import dev.servicemetrics.config.StartupFailure;
import dev.servicemetrics.metrics.entity.MetricQuery;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/** What every cycle queries: the METRICS_QUERIES file, or the built-in list; read once at start. */
@ApplicationScoped
public class QueryList {

    private static final Logger LOG = Logger.getLogger(QueryList.class.getName());
    static final String BUILT_IN = "default-queries.txt";

    @Inject
    ServiceConfiguration configuration;

    private List<MetricQuery> entries;

    @PostConstruct
    void load() {
        try {
            Optional<Path> file = configuration.metricsQueries();
            entries = file.isPresent()
                    ? QueryListFile.parse(file.get().toString(), Files.readAllLines(file.get(), StandardCharsets.UTF_8))
                    : QueryListFile.parse("(built-in)", builtIn());
            LOG.info(() -> "Scraping " + entries.size() + " queries from " + file.map(Path::toString).orElse("the built-in list"));
        } catch (InvalidConfigurationException invalid) {
            StartupFailure.stop(invalid);
            throw invalid;
        } catch (IOException | UncheckedIOException unreadable) {
            InvalidConfigurationException invalid = new InvalidConfigurationException("METRICS_QUERIES",
                    configuration.metricsQueries().map(Path::toString).orElse(null),
                    "it cannot be read (" + unreadable.getMessage() + ")", "a readable UTF-8 text file");
            StartupFailure.stop(invalid);
            throw invalid;
        }
    }

    static List<String> builtIn() {
        try (InputStream in = QueryList.class.getResourceAsStream("/dev/servicemetrics/metrics/" + BUILT_IN)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<MetricQuery> entries() {
        return entries;
    }

    public Optional<MetricQuery> named(String name) {
        return entries.stream().filter(entry -> entry.name().equals(name)).findFirst();
    }
}
