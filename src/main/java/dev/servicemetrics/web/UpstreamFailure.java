package dev.servicemetrics.web;

/**
 * A service this one depends on refused or could not be reached while a request needed it: answered
 * as problem+json with {@link #status()} — 502 when it answered with an error (its message is passed
 * on), 503 when it did not answer at all — and logged once, without a stack.
 */
public class UpstreamFailure extends RuntimeException {

    private final int status;

    private UpstreamFailure(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public static UpstreamFailure refused(String message) {
        return new UpstreamFailure(502, message, null);
    }

    public static UpstreamFailure unreachable(String message, Throwable cause) {
        return new UpstreamFailure(503, message, cause);
    }

    public int status() {
        return status;
    }
}
