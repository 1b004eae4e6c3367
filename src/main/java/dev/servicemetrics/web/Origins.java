package dev.servicemetrics.web;

import dev.servicemetrics.config.ServiceConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Locale;

/**
 * Which browser origins may call the service (REST and WebSocket): those of CORS_ALLOWED_ORIGINS, and
 * always the service's own host, so that a dashboard behind a reverse proxy still connects.
 */
@ApplicationScoped
public class Origins {

    @Inject
    ServiceConfiguration configuration;

    public boolean allowed(String origin, String host) {
        if (origin == null) {
            return true;
        }
        String normalized = origin.toLowerCase(Locale.ROOT);
        if (configuration.corsAllowedOrigins().stream().anyMatch(o -> o.equalsIgnoreCase(normalized))) {
            return true;
        }
        return sameHost(normalized, host);
    }

    static boolean sameHost(String origin, String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getAuthority();
            return authority != null && authority.equalsIgnoreCase(host.trim());
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
