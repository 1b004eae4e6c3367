package bench;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's baseline: the least a WebSocket broadcaster can do in the same container. One endpoint,
 * sessions in a static set, no CDI, no per-client backlog: every interval a plain thread writes one message
 * of the requested size to every session with a fire-and-forget async send.
 * Connect to ws://host:port/baseline/plain?interval=5&size=3500 (the first connection sets both).
 */
@ServerEndpoint("/plain")
public class PlainBroadcaster {

    static final Set<Session> SESSIONS = ConcurrentHashMap.newKeySet();
    static volatile int intervalSeconds;
    static volatile int size = 3500;

    @OnOpen
    public void open(Session session) {
        Map<String, List<String>> params = session.getRequestParameterMap();
        if (intervalSeconds == 0 && params.containsKey("interval")) {
            size = Integer.parseInt(params.getOrDefault("size", List.of("3500")).get(0));
            intervalSeconds = Integer.parseInt(params.get("interval").get(0));
            Ticker.start(intervalSeconds);
        }
        session.setMaxIdleTimeout(0);
        SESSIONS.add(session);
    }

    @OnClose
    public void close(Session session) {
        SESSIONS.remove(session);
    }

    @OnError
    public void error(Session session, Throwable error) {
        SESSIONS.remove(session);
    }

    static void broadcast(long cycle) {
        String now = Instant.now().toString();
        String head = "{\"channel\":\"metrics\",\"type\":\"update\",\"timestamp\":\"" + now + "\",\"data\":{\"timestamp\":\""
                + now + "\",\"cycle\":" + cycle + ",\"pad\":\"";
        String message = head + "x".repeat(Math.max(0, size - head.length() - 3)) + "\"}}";
        for (Session session : SESSIONS) {
            try {
                session.getAsyncRemote().sendText(message);
            } catch (RuntimeException closed) {
                SESSIONS.remove(session);
            }
        }
    }

    /** Starts the broadcast thread on first use and stops it with the application. */
    @WebListener
    public static class Ticker implements ServletContextListener {
        private static ScheduledExecutorService timer;

        static synchronized void start(int seconds) {
            if (timer == null) {
                timer = Executors.newSingleThreadScheduledExecutor();
                long[] cycle = {0};
                timer.scheduleAtFixedRate(() -> broadcast(++cycle[0]), seconds, seconds, TimeUnit.SECONDS);
            }
        }

        @Override
        public void contextDestroyed(ServletContextEvent event) {
            synchronized (Ticker.class) {
                if (timer != null) {
                    timer.shutdownNow();
                }
            }
        }
    }
}
