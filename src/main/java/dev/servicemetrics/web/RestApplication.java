package dev.servicemetrics.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS lives under /api so that static files, the plain servlets and the WebSocket keep the root. */
@ApplicationPath("/api")
public class RestApplication extends Application {
}
