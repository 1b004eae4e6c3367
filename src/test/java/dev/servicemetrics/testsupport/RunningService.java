package dev.servicemetrics.testsupport;

import java.net.URI;
import java.nio.file.Path;

/**
 * The built service running on one of the servers it is deployed on (see {@link Server}): where to
 * reach it, what it logged, and how to stop it. Tests of a behaviour talk to this, so that the same
 * test runs against the Payara microbundle and against WildFly.
 */
public interface RunningService extends AutoCloseable {

    /** http://127.0.0.1:PORT/ */
    URI baseUri();

    int port();

    /** Its working directory, where the embedded database lives (./data/). */
    Path workDir();

    /** Everything it wrote to its console so far. */
    String log();

    default Http http() {
        return new Http(baseUri());
    }

    default URI webSocketUri(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }

    /** Stops it by its PID (and the processes it started), waiting for the exit. */
    @Override
    void close();
}
