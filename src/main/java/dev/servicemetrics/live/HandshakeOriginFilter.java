package dev.servicemetrics.live;

import dev.servicemetrics.web.Origins;
import dev.servicemetrics.web.Upgrades;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Refuses a WebSocket handshake from a browser page of a foreign origin with 403, before the container
 * upgrades the connection. Browsers do not apply CORS to WebSockets, so this check is the only thing that
 * keeps another site's page from reading the stream. It is a filter rather than an endpoint configurator
 * because the rule needs the Host header as well (a page served by this host is always allowed, also
 * behind a reverse proxy), and {@code Configurator.checkOrigin} sees only the Origin. Requests without an
 * Origin (CLI tools, servers) pass: they are not browsers acting for another site.
 */
// "/*" because the pattern "/" names the default servlet, and the seed's endpoint lives at the root itself
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class HandshakeOriginFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(HandshakeOriginFilter.class.getName());

    @Inject
    Origins origins;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if (Upgrades.webSocket(request) && !origins.allowed(origin, request.getHeader("Host"))) {
            LOG.info(() -> "WebSocket handshake from origin " + origin + " refused: not in CORS_ALLOWED_ORIGINS nor this host");
            response.sendError(HttpServletResponse.SC_FORBIDDEN,
                    "Origin " + origin + " may not open a WebSocket here: add it to CORS_ALLOWED_ORIGINS");
            return;
        }
        chain.doFilter(request, response);
    }
}
