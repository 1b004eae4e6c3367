package dev.servicemetrics.database;

import dev.servicemetrics.config.InvalidConfigurationException;
import java.util.Locale;

/**
 * Where the incidents live. Unset DATABASE_URL means an embedded H2 file database under ./data/;
 * the JDBC driver always follows the URL, so an operator sets only the URL.
 */
public record DatabaseSettings(String url, String user, String password, String driverClass) {

    static final String BATCHED_INSERTS = "reWriteBatchedInserts";
    static final String EMBEDDED_PASSWORD = "service-metrics";
    static final String EMBEDDED_URL = "jdbc:h2:file:./data/service-metrics;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    public static DatabaseSettings of(String url, String user, String password) {
        if (url == null || url.isBlank()) {
            // MicroProfile Config treats an empty value as missing, so the embedded database gets a password.
            return new DatabaseSettings(EMBEDDED_URL, "sa", EMBEDDED_PASSWORD, "org.h2.jdbcx.JdbcDataSource");
        }
        String trimmed = url.trim();
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return new DatabaseSettings(withBatchedInserts(trimmed), blankToEmpty(user), blankToEmpty(password), "org.postgresql.ds.PGSimpleDataSource");
        }
        if (trimmed.startsWith("jdbc:h2:")) {
            return new DatabaseSettings(trimmed, user == null ? "sa" : user, blankToEmpty(password), "org.h2.jdbcx.JdbcDataSource");
        }
        throw new InvalidConfigurationException("DATABASE_URL", url,
                "a JDBC URL such as jdbc:postgresql://host:5432/db (or jdbc:h2:...)");
    }

    /**
     * The URL with PostgreSQL's driver told to send a batch of inserts as multi-row statements: a storm's
     * notification then costs the database a few statements, not one per alert and label. An operator's own
     * {@code reWriteBatchedInserts} in the URL is kept as written.
     */
    static String withBatchedInserts(String url) {
        if (url.toLowerCase(Locale.ROOT).contains(BATCHED_INSERTS.toLowerCase(Locale.ROOT))) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + BATCHED_INSERTS + "=true";
    }

    /**
     * The settings of DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD (system property first, then
     * environment). A bad URL is reported by ServiceConfiguration at start; here it falls back to the
     * embedded database so that deployment gets as far as that check.
     */
    static DatabaseSettings fromEnvironment() {
        try {
            return of(lookup("DATABASE_URL"), lookup("DATABASE_USER"), lookup("DATABASE_PASSWORD"));
        } catch (RuntimeException invalid) {
            return of(null, null, null);
        }
    }

    /** DATABASE_URL as set, or null. */
    static String configuredUrl() {
        return lookup("DATABASE_URL");
    }

    private static String lookup(String name) {
        String property = System.getProperty(name);
        return property != null ? property : System.getenv(name);
    }

    public boolean embedded() {
        return url.startsWith("jdbc:h2:");
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value;
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "(none)" : "****") + "]";
    }
}
