package dev.servicemetrics.testsupport;

import java.util.UUID;

/**
 * Bearer tokens for tests, all starting with {@value #PREFIX}, so that {@code LogsCarryNoTokenIT} can find any
 * of them, right or wrong, in the logs the suite wrote.
 */
public final class TestTokens {

    public static final String PREFIX = "smtesttoken-";

    private TestTokens() {
    }

    /** A fresh token, e.g. {@code smtesttoken-api-3f2a…}. */
    public static String next(String purpose) {
        return PREFIX + purpose + "-" + UUID.randomUUID();
    }
}
