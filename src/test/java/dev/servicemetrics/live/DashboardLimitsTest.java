package dev.servicemetrics.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** One client's limits with a fake Session whose writes complete when the test says so. */
class DashboardLimitsTest {

    static final Instant T0 = Instant.parse("2026-02-09T10:00:00Z");

    /** The messages written and the callbacks the container would call when each is on the wire. */
    final List<String> written = new CopyOnWriteArrayList<>();
    final List<SendHandler> pending = new CopyOnWriteArrayList<>();
    final List<CloseReason> closes = new ArrayList<>();

    final Session session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "getAsyncRemote" -> Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {RemoteEndpoint.Async.class},
                        (remote, send, sendArgs) -> {
                            if (send.getName().equals("sendText") && sendArgs.length == 2) {
                                written.add((String) sendArgs[0]);
                                pending.add((SendHandler) sendArgs[1]);
                            }
                            return null;
                        });
                case "getId" -> "fake";
                case "hashCode" -> 1;
                case "equals" -> proxy == args[0];
                default -> null;
            });

    final LiveMetrics metrics = new LiveMetrics() {
        @Override
        void sent() {
        }

        @Override
        void dropped(int messages) {
        }

        @Override
        void slowClientClosed() {
        }
    };

    Dashboard dashboard(Dashboard.Kind kind) {
        return new Dashboard(session, "10.0.0.1", T0, Dashboard.MAX_COMMANDS, kind, metrics, new SendBudget(1 << 20, Runnable::run),
                (which, reason) -> closes.add(reason));
    }

    void completeWrites() {
        while (!pending.isEmpty()) {
            pending.remove(0).onResult(new SendResult());
        }
    }

    @Test
    void commandsPastTheLimitWithinTheWindowAreRefusedAndANewWindowStartsAfresh() {
        Dashboard dashboard = dashboard(Dashboard.Kind.CHANNELS);
        for (int i = 0; i < Dashboard.MAX_COMMANDS; i++) {
            assertTrue(dashboard.command(T0.plusMillis(i)), "command " + i);
        }
        assertFalse(dashboard.command(T0.plusSeconds(9)));
        assertTrue(dashboard.command(T0.plus(Dashboard.COMMAND_WINDOW).plusSeconds(1)), "a new window");
    }

    @Test
    void finishSendsWhatWaitsThenItsMessageThenClosesAndTakesNothingMore() {
        Dashboard dashboard = dashboard(Dashboard.Kind.CHANNELS);
        dashboard.offer("one");
        dashboard.offer("two");
        CloseReason reason = new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "flood");
        dashboard.finish("error", reason);
        dashboard.offer("late");
        assertEquals(List.of(), closes, "not closed before its last message is written");
        completeWrites();
        assertEquals(List.of("one", "two", "error"), written);
        assertEquals(List.of(reason), closes);
        dashboard.finish("again", reason);
        assertEquals(1, closes.size(), "finished once");
    }

    @Test
    void aChannelClientIsIdleUntilItSubscribesAndAgainWhenItHasNoSubscriptionLeft() {
        Dashboard channels = dashboard(Dashboard.Kind.CHANNELS);
        assertTrue(channels.idleSince(T0.plusSeconds(1)));
        channels.subscribe(Channel.INCIDENTS, null);
        assertFalse(channels.idleSince(T0.plus(Duration.ofDays(1))));
        channels.unsubscribe(Channel.INCIDENTS);
        assertTrue(channels.idleSince(Instant.now().plusSeconds(1)));
        assertFalse(dashboard(Dashboard.Kind.SEED).idleSince(T0.plus(Duration.ofDays(1))), "the seed channel needs no subscription");
    }
}
