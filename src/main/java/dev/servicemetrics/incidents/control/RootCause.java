package dev.servicemetrics.incidents.control;

/** The innermost cause of a failure in one line ("ConnectException: Connection refused"), for logs and health data. */
public final class RootCause {

    private RootCause() {
    }

    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + message;
    }
}
