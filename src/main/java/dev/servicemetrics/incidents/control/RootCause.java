package dev.servicemetrics.incidents.control;

import dev.servicemetrics.CauseChain;
import java.util.Locale;

/** The innermost cause of a failure in one line ("ConnectException: Connection refused"), for logs and health data. */
public final class RootCause {

    private RootCause() {
    }

    public static String describe(Throwable failure) {
        Throwable root = CauseChain.of(failure).root();
        String message = root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + message;
    }

    /** The innermost cause's message alone ("Connection refused"), for answers to clients, which get no class names. */
    public static String message(Throwable failure) {
        Throwable root = CauseChain.of(failure).root();
        return root.getMessage() == null ? root.getClass().getSimpleName().replace("Exception", "").toLowerCase(Locale.ROOT)
                : root.getMessage().lines().findFirst().orElse("");
    }
}
