package dev.servicemetrics.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Request bodies of the REST API are at most 1 MiB; a larger one is a 413, never a silent cut or an
 * out-of-memory. A declared Content-Length over the limit is refused before any of the body is parsed or
 * kept; a chunked body is read up to one byte past the limit and handed on from memory. Runs after authentication, so an
 * unauthenticated client cannot make the service buffer anything.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 500)
public class BodySizeLimit implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(BodySizeLimit.class.getName());
    public static final int MAX_BYTES = 1024 * 1024;
    /** How much more of a refused body is read and dropped, see {@link #refuse}. */
    static final long DRAIN_BYTES = 8L * 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        int declared = request.getLength();
        if (declared > MAX_BYTES) {
            refuse(request, declared + " bytes");
            return;
        }
        if (declared < 0 && request.hasEntity()) {
            byte[] body = request.getEntityStream().readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                refuse(request, "more than " + MAX_BYTES + " bytes (chunked)");
                return;
            }
            request.setEntityStream(new ByteArrayInputStream(body));
        }
    }

    /**
     * Over HTTP/2 (h2c) the container answers without resetting the stream, so a client still sending
     * its body would wait for flow-control credit forever and never read the 413. Reading and dropping
     * the rest (up to {@link #DRAIN_BYTES}) lets it finish; over HTTP/1.1 the container closes the connection.
     */
    private static void refuse(ContainerRequestContext request, String size) {
        drain(request);
        String path = "/api/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        String detail = "The request body is larger than 1 MiB (" + MAX_BYTES + " bytes): " + size;
        LOG.info(() -> "413 " + path + ": " + detail);
        request.abortWith(new Problem(413, detail, path).toResponse());
    }

    private static void drain(ContainerRequestContext request) {
        byte[] sink = new byte[64 * 1024];
        long drained = 0;
        try {
            int read;
            while (drained < DRAIN_BYTES && (read = request.getEntityStream().read(sink)) >= 0) {
                drained += read;
            }
        } catch (IOException clientGone) {
            // nothing to drain for a client that stopped sending
        }
    }
}
