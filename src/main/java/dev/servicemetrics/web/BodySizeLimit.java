package dev.servicemetrics.web;

import dev.servicemetrics.config.ServiceConfiguration;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Request bodies of the REST API are at most 1 MiB, the Alertmanager webhook's at most WEBHOOK_MAX_BYTES
 * (one notification carries a whole group of alerts, and Alertmanager does not retry a 4xx); a larger
 * body is a 413, never a silent cut or an out-of-memory. A declared Content-Length over the limit is
 * refused before any of the body is parsed; any other body is parsed as it streams in, through a
 * {@link LimitedBody} that fails once the limit is passed (the {@link ProblemExceptionMapper} makes that
 * a 413 too). Runs after authentication, so an unauthenticated client cannot make the service parse anything.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 500)
public class BodySizeLimit implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(BodySizeLimit.class.getName());
    public static final int MAX_BYTES = 1024 * 1024;
    /** The webhook's path under /api: decided here by path, so that the resource behind it may change freely. */
    static final String WEBHOOK_PATH = "alertmanager/webhook";
    /** How much more of a refused body is read and dropped, see {@link #drain}. */
    static final long DRAIN_BYTES = 8L * 1024 * 1024;

    @Inject
    ServiceConfiguration configuration;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath().replaceFirst("^/", "");
        long limit = WEBHOOK_PATH.equals(path) ? configuration.webhookMaxBytes() : MAX_BYTES;
        long declared = declaredLength(request);
        if (declared > limit) {
            drain(request.getEntityStream());
            String detail = tooLarge(limit, declared + " bytes");
            LOG.info(() -> "413 /api/" + path + ": " + detail);
            request.abortWith(new Problem(413, detail, "/api/" + path).toResponse());
            return;
        }
        if (request.hasEntity()) {
            request.setEntityStream(new LimitedBody(request.getEntityStream(), limit));
        }
    }

    /** Read as a long: a Content-Length past 2 GiB is still a number, and over any limit. */
    private static long declaredLength(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException malformed) {
            return -1; // the container refuses a malformed length before it gets here
        }
    }

    /** The detail of every 413: it names the limit, so that an operator knows what to raise. */
    static String tooLarge(long limit, String size) {
        return "The request body is larger than " + megabytes(limit) + " (" + limit + " bytes): " + size;
    }

    private static String megabytes(long bytes) {
        long mebibyte = 1024 * 1024;
        return bytes % mebibyte == 0 ? bytes / mebibyte + " MiB" : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) mebibyte);
    }

    /**
     * Over HTTP/2 (h2c) the container answers without resetting the stream, so a client still sending
     * its body would wait for flow-control credit forever and never read the 413. Reading and dropping
     * the rest (up to {@link #DRAIN_BYTES}) lets it finish; over HTTP/1.1 the container closes the connection.
     */
    static void drain(InputStream body) {
        byte[] sink = new byte[64 * 1024];
        long drained = 0;
        try {
            int read;
            while (drained < DRAIN_BYTES && (read = body.read(sink)) >= 0) {
                drained += read;
            }
        } catch (IOException clientGone) {
            // nothing to drain for a client that stopped sending
        }
    }
}
