package dev.servicemetrics.mock;

import java.util.Map;
import java.util.Properties;

/**
 * Where the mock listens, which seed drives it and where on its timeline it starts. A system property
 * ({@code mock.service.port}, {@code mock.service.bind}, {@code mock.seed}, {@code mock.start.second}) wins
 * over the environment variable ({@code MOCK_SERVICE_PORT}, {@code MOCK_SERVICE_BIND}, {@code MOCK_SEED},
 * {@code MOCK_START_SECOND}), as in MicroProfile Config.
 */
record MockSettings(String bindAddress, int port, long seed, long startSecond) {

    /** An hour: six turns of the disk's timeline, further than anyone needs to skip. */
    static final long LATEST_START_SECOND = 3600;

    static MockSettings from(Map<String, String> environment, Properties properties) {
        String bind = value(environment, properties, "MOCK_SERVICE_BIND", "mock.service.bind", "0.0.0.0");
        String port = value(environment, properties, "MOCK_SERVICE_PORT", "mock.service.port", "8081");
        String seed = value(environment, properties, "MOCK_SEED", "mock.seed", "42");
        String startSecond = value(environment, properties, "MOCK_START_SECOND", "mock.start.second", "0");
        return new MockSettings(bind, port(port), seed(seed), startSecond(startSecond));
    }

    private static String value(Map<String, String> environment, Properties properties,
                                String variable, String property, String fallback) {
        String value = properties.getProperty(property, environment.get(variable));
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the variable's name
        }
        throw new IllegalArgumentException(
                "MOCK_SERVICE_PORT must be a port number from 0 (any free port) to 65535, got '" + value + "'");
    }

    private static long startSecond(String value) {
        try {
            long second = Long.parseLong(value);
            if (second >= 0 && second <= LATEST_START_SECOND) {
                return second;
            }
        } catch (NumberFormatException e) {
            // reported below, with the variable's name
        }
        throw new IllegalArgumentException("MOCK_START_SECOND must be a whole number of seconds from 0 to "
                + LATEST_START_SECOND + ", got '" + value + "'");
    }

    private static long seed(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("MOCK_SEED must be a whole number, got '" + value + "'");
        }
    }
}
