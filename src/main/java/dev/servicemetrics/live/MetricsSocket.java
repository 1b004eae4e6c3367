package dev.servicemetrics.live;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Logger;

/**
 * The seed's channel, {@code new WebSocket('ws://localhost:8005')}: one flat JSON message per scrape cycle
 * (see {@link SeedMessage}), the latest one at once on connect. Clients have nothing to say on it; a text
 * message is ignored, a binary one or one over {@value #MAX_MESSAGE} bytes closes the connection.
 * One instance serves every connection ({@link SharedEndpoint}).
 */
@ServerEndpoint(value = "/", configurator = SharedEndpoint.class)
public class MetricsSocket {

    static final int MAX_MESSAGE = 4096;
    private static final Logger LOG = Logger.getLogger(MetricsSocket.class.getName());

    @Inject
    Dashboards dashboards;

    @OnOpen
    public void open(Session session) {
        dashboards.joinSeed(session);
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE)
    public void text(String ignored, Session session) {
        // the seed's clients only listen; nothing to answer
    }

    @OnMessage
    public void binary(ByteBuffer data, Session session) throws IOException {
        session.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "binary messages are not accepted"));
    }

    @OnMessage
    public void pong(PongMessage pong, Session session) {
        dashboards.ponged(session);
    }

    @OnClose
    public void close(Session session) {
        dashboards.leave(session);
    }

    @OnError
    public void error(Session session, Throwable error) {
        LOG.fine(() -> "WebSocket " + session.getId() + " failed: " + error);
        dashboards.leave(session);
    }
}
