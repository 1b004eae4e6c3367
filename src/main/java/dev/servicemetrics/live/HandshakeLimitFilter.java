package dev.servicemetrics.live;

import dev.servicemetrics.web.Upgrades;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Answers a WebSocket handshake 503 (with Retry-After) when the service or the client's address already holds
 * its most connections (see {@link Connections}), before the container upgrades the connection. A handshake
 * that passes carries its client address to the endpoint as the request parameter {@value #PEER}: the
 * WebSocket API gives an endpoint no address, and the parameter map is the part of the handshake request
 * that reaches the session ({@code Session.getRequestParameterMap}). A client's own {@value #PEER} is replaced.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class HandshakeLimitFilter extends HttpFilter {

    static final String PEER = "service-metrics.peer";
    private static final Logger LOG = Logger.getLogger(HandshakeLimitFilter.class.getName());

    @Inject
    Connections connections;

    @Inject
    LiveMetrics metrics;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!Upgrades.webSocket(request)) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        Optional<String> refusal = connections.refusal(address);
        if (refusal.isPresent()) {
            metrics.refused();
            LOG.fine(() -> "WebSocket handshake from " + address + " refused: " + refusal.get());
            response.setHeader("Retry-After", "30");
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Refused: " + refusal.get() + "; try again later");
            return;
        }
        chain.doFilter(new WithPeer(request, address), response);
    }

    private static final class WithPeer extends HttpServletRequestWrapper {
        private final Map<String, String[]> parameters;

        WithPeer(HttpServletRequest request, String address) {
            super(request);
            Map<String, String[]> all = new LinkedHashMap<>(request.getParameterMap());
            all.put(PEER, new String[] {address});
            parameters = Map.copyOf(all);
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters.get(name);
        }

        @Override
        public java.util.Enumeration<String> getParameterNames() {
            return java.util.Collections.enumeration(parameters.keySet());
        }
    }
}
