package dev.servicemetrics.live;

import jakarta.inject.Inject;
import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The dashboards' channel protocol at {@code /ws}: commands {@code {"type":"subscribe"|"unsubscribe","channel":…}}
 * and {@code {"type":"ping"}}; every answer is an envelope (see {@link Envelope}). A bad command gets an
 * {@code error} envelope and the connection stays; a binary message closes it with 1003, a text message over
 * {@value #MAX_MESSAGE} bytes with 1009, more than LIVE_MAX_COMMANDS commands in ten seconds with an
 * error and 1008, and a connection that stays without a subscription for LIVE_IDLE_TIMEOUT with 1008.
 * One instance serves every connection ({@link SharedEndpoint}).
 */
@ServerEndpoint(value = "/ws", configurator = SharedEndpoint.class)
public class ChannelSocket {

    static final int MAX_MESSAGE = 4096;
    private static final Logger LOG = Logger.getLogger(ChannelSocket.class.getName());

    @Inject
    Dashboards dashboards;

    @OnOpen
    public void open(Session session) {
        dashboards.joinChannels(session);
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE)
    public void command(String text, Session session) {
        if (!dashboards.command(session)) {
            return;
        }
        Optional<JsonObject> command = parse(text);
        if (command.isEmpty()) {
            dashboards.reply(session, Envelope.error("not a JSON object; send {\"type\":\"subscribe\",\"channel\":\"metrics\"}"));
            return;
        }
        String type = string(command.get(), "type");
        switch (type == null ? "" : type) {
            case "subscribe", "unsubscribe" -> {
                String name = string(command.get(), "channel");
                Optional<Channel> channel = Channel.of(name);
                if (channel.isEmpty()) {
                    dashboards.reply(session, Envelope.error((name == null ? "no channel" : "unknown channel '" + name + "'")
                            + "; channels: " + Channel.names()));
                } else if (type.equals("subscribe")) {
                    dashboards.subscribe(session, channel.get());
                } else {
                    dashboards.unsubscribe(session, channel.get());
                }
            }
            case "ping" -> dashboards.reply(session, Envelope.of(Envelope.SYSTEM, "pong", JsonValue.EMPTY_JSON_OBJECT));
            default -> dashboards.reply(session, Envelope.error((type == null ? "no type" : "unknown type '" + type + "'")
                    + "; types: subscribe, unsubscribe, ping"));
        }
    }

    @OnMessage
    public void binary(ByteBuffer data, Session session) throws IOException {
        session.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "binary messages are not accepted; send JSON text"));
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

    private static Optional<JsonObject> parse(String text) {
        try (var reader = JsonFactory.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject object ? Optional.of(object) : Optional.empty();
        } catch (JsonException | IllegalStateException notJson) {
            return Optional.empty();
        }
    }

    private static String string(JsonObject command, String name) {
        return command.get(name) instanceof JsonString text ? text.getString() : null;
    }
}
