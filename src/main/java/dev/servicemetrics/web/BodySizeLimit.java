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
 * out-of-memory. A declared Content-Length is refused before anything is read; a chunked body is read
 * up to one byte past the limit and handed on from memory. Runs after authentication, so an
 * unauthenticated client cannot make the service buffer anything.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 500)
public class BodySizeLimit implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(BodySizeLimit.class.getName());
    public static final int MAX_BYTES = 1024 * 1024;

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

    private static void refuse(ContainerRequestContext request, String size) {
        String path = "/api/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        String detail = "The request body is larger than 1 MiB (" + MAX_BYTES + " bytes): " + size;
        LOG.info(() -> "413 " + path + ": " + detail);
        request.abortWith(new Problem(413, detail, path).toResponse());
    }
}
