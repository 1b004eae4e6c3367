package dev.servicemetrics.web;

import jakarta.servlet.http.HttpServletRequest;

/** Tells a WebSocket handshake from the other requests, for the filters that treat it apart. */
public final class Upgrades {

    private Upgrades() {
    }

    /** True for a request asking to switch to the WebSocket protocol ({@code Upgrade: websocket}). */
    public static boolean webSocket(HttpServletRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return upgrade != null && "websocket".equalsIgnoreCase(upgrade.trim());
    }
}
