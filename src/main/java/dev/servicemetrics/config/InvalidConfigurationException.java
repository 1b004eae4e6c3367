package dev.servicemetrics.config;

/** A configuration value the service cannot start with; the message names the variable and what it expects. */
public class InvalidConfigurationException extends RuntimeException {

    public InvalidConfigurationException(String variable, String value, String expected) {
        super(variable + "=" + quoted(value) + " is invalid: expected " + expected);
    }

    /** For a value that names a file: {@code problem} says where in the file, {@code expected} what would do. */
    public InvalidConfigurationException(String variable, String value, String problem, String expected) {
        super(variable + "=" + quoted(value) + " is invalid: " + problem + "; expected " + expected);
    }

    private static String quoted(String value) {
        return value == null ? "(unset)" : "'" + value + "'";
    }
}
