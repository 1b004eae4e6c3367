package dev.servicemetrics.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The browser's own defences on every answer, the dashboard's and the API's alike: a Content-Security-Policy
 * that lets the page run only its own files (no inline script or style, no eval, nothing from elsewhere, no
 * framing), {@code nosniff} so that a JSON or text answer is never run as a script, and no Referer leaving the
 * page. The WebSocket is named in {@code connect-src} for browsers whose {@code 'self'} does not cover ws:.
 * A WebSocket handshake gets none: its answer (101) is no document for them to protect, and the container
 * keeps an upgraded connection's response headers for as long as it stays open (~2.5 KB per dashboard).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "font-src 'self'; manifest-src 'self'; connect-src 'self'%s; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    /** A Host header that can be named in the policy as it is: anything else could add directives. */
    private static final Pattern PLAIN_HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}(:\\d{1,5})?|\\[[0-9A-Fa-f:.]{2,45}\\](:\\d{1,5})?");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (Upgrades.webSocket(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Content-Security-Policy", policy(request.getHeader("Host")));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        chain.doFilter(request, response);
    }

    static String policy(String host) {
        String socket = host != null && PLAIN_HOST.matcher(host).matches() ? " ws://" + host + " wss://" + host : "";
        return String.format(POLICY, socket);
    }
}
