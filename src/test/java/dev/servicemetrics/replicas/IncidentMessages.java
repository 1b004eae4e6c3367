package dev.servicemetrics.replicas;

import dev.servicemetrics.live.SocketClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The incident changes a /ws dashboard received, whichever shape carried them: one {@code created}/{@code updated}
 * message per change, or a {@code changes} message holding several ({@code {"change":…,"incident":{…}}}).
 */
final class IncidentMessages {

    /** One change as a dashboard received it; {@code nanos} is its arrival ({@link System#nanoTime()}). */
    record Change(String type, long id, long version, String status, long nanos) {
    }

    private final SocketClient client;
    private final List<Change> received = new ArrayList<>();

    IncidentMessages(SocketClient client) {
        this.client = client;
    }

    static List<Change> of(JsonObject message) {
        return of(message, System.nanoTime());
    }

    static List<Change> of(JsonObject message, long nanos) {
        if (!"incidents".equals(message.getString("channel", ""))) {
            return List.of();
        }
        String type = message.getString("type", "");
        if (type.equals("created") || type.equals("updated")) {
            return List.of(change(type, message.getJsonObject("data"), nanos));
        }
        if (type.equals("changes")) {
            List<Change> changes = new ArrayList<>();
            for (JsonValue one : message.getJsonObject("data").getJsonArray("changes")) {
                changes.add(change(one.asJsonObject().getString("change"), one.asJsonObject().getJsonObject("incident"), nanos));
            }
            return changes;
        }
        return List.of();
    }

    private static Change change(String type, JsonObject incident, long nanos) {
        return new Change(type, incident.getJsonNumber("id").longValue(), incident.getJsonNumber("version").longValue(),
                incident.getString("status"), nanos);
    }

    /** Reads messages until a change matches; fails after {@code timeout} with everything received so far. */
    Change await(Predicate<Change> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Change change : received) {
            if (wanted.test(change)) {
                return change;
            }
        }
        while (System.nanoTime() < deadline) {
            SocketClient.Received message;
            try {
                message = client.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (AssertionError nothingYet) {
                break;
            }
            for (Change change : of(message.json(), message.nanos())) {
                received.add(change);
                if (wanted.test(change)) {
                    return change;
                }
            }
        }
        throw new AssertionError("no such incident change within " + timeout + "; received " + received);
    }

    /** Every change received so far, in order (a copy). */
    List<Change> all() {
        return List.copyOf(received);
    }

    /** The changes of one incident received so far, in order. */
    List<Change> of(long id) {
        return received.stream().filter(change -> change.id() == id).toList();
    }
}
