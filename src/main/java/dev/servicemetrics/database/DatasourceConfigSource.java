package dev.servicemetrics.database;

import dev.servicemetrics.config.InvalidConfigurationException;
import dev.servicemetrics.config.StartupFailure;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Derives the datasource definition's values (see {@link Datasource}) from DATABASE_URL, DATABASE_USER
 * and DATABASE_PASSWORD (see {@link DatabaseSettings#fromEnvironment()}), so that the driver class
 * follows the URL.
 */
public class DatasourceConfigSource implements ConfigSource {

    private static final String PREFIX = "servicemetrics.datasource.";
    private static final AtomicBoolean DIRECTORY_CHECKED = new AtomicBoolean();

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(PREFIX + "url", PREFIX + "className", PREFIX + "user", PREFIX + "password");
    }

    @Override
    public Map<String, String> getProperties() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment();
        if (DIRECTORY_CHECKED.compareAndSet(false, true)) {
            try {
                EmbeddedDirectory.requireWritable(settings, DatabaseSettings.configuredUrl());
            } catch (InvalidConfigurationException unwritable) {
                StartupFailure.stop(unwritable);
            }
        }
        return Map.of(PREFIX + "url", settings.url(),
                PREFIX + "className", settings.driverClass(),
                PREFIX + "user", settings.user(),
                PREFIX + "password", settings.password());
    }

    @Override
    public String getValue(String propertyName) {
        return propertyName.startsWith(PREFIX) ? getProperties().get(propertyName) : null;
    }

    @Override
    public String getName() {
        return "service-metrics-datasource";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
