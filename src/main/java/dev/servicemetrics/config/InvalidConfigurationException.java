package dev.servicemetrics.config;

/** A configuration value the service cannot start with; the message names the variable and what it expects. */
public class InvalidConfigurationException extends RuntimeException {

    public InvalidConfigurationException(String variable, String value, String expected) {
        super(variable + "=" + quoted(value) + " is invalid: expected " + expected);
    }

    private static String quoted(String value) {
        return value == null ? "(unset)" : "'" + value + "'";
    }
}
