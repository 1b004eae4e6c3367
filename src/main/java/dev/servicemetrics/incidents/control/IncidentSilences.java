package dev.servicemetrics.incidents.control;

import dev.servicemetrics.Timestamps;
import dev.servicemetrics.config.ServiceConfiguration;
import dev.servicemetrics.incidents.entity.SilenceView;
import dev.servicemetrics.web.UpstreamFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Silences an incident's alerts through Alertmanager's API and keeps what it created. Alertmanager is
 * asked first and the silence recorded only once it exists; if recording then fails, the silence is
 * expired again, so nothing is ever half-done. Alertmanager's refusals (502, with its message) and
 * absence (503) reach the caller as problems.
 */
@ApplicationScoped
public class IncidentSilences {

    private static final Logger LOG = Logger.getLogger(IncidentSilences.class.getName());

    @Inject
    AlertmanagerSilenceClient alertmanager;

    @Inject
    SilenceStore store;

    @Inject
    ServiceConfiguration configuration;

    /** Empty when there is no such incident. */
    public Optional<SilenceView> silence(long incidentId, Duration duration, String comment, String by, Optional<String> alert) {
        Optional<SilenceStore.Target> target = store.target(incidentId, alert);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        Instant start = Instant.now();
        Instant end = start.plus(duration);
        String text = comment.isBlank() ? "Silenced from service-metrics incident " + incidentId : comment;
        JsonArrayBuilder matchers = JsonFactory.createArrayBuilder();
        target.get().labels().forEach((name, value) -> matchers.add(JsonFactory.createObjectBuilder()
                .add("name", name).add("value", value).add("isRegex", false).add("isEqual", true)));
        String matcherJson = matchers.build().toString();
        String request = JsonFactory.createObjectBuilder()
                .add("matchers", JsonFactory.createReader(new StringReader(matcherJson)).readArray())
                .add("startsAt", Timestamps.iso(start))
                .add("endsAt", Timestamps.iso(end))
                .add("createdBy", by)
                .add("comment", text)
                .build().toString();
        String silenceId = create(request);
        try {
            return Optional.of(store.record(incidentId, silenceId, matcherJson, by, text, start, end, target.get().what()));
        } catch (RuntimeException notRecorded) {
            expireQuietly(silenceId);
            throw notRecorded;
        }
    }

    /** Expires every active silence of the incident; empty when there is no such incident. */
    public Optional<List<SilenceView>> expire(long incidentId, String by) {
        Optional<List<SilenceView>> silences = store.all(incidentId);
        if (silences.isEmpty()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        List<SilenceView> active = silences.get().stream().filter(silence -> silence.activeAt(now)).toList();
        List<String> expired = new ArrayList<>();
        try {
            for (SilenceView silence : active) {
                expire(silence.silenceId());
                expired.add(silence.silenceId());
            }
        } finally {
            store.expired(incidentId, expired, by);
        }
        return Optional.of(active);
    }

    /** Undoes a silence just created when what it was for did not happen (an acknowledgement that conflicted). */
    public void expireQuietly(String silenceId) {
        try {
            expire(silenceId);
        } catch (RuntimeException failed) {
            LOG.warning(() -> "Could not expire silence " + silenceId + " in Alertmanager again: " + failed.getMessage());
        }
    }

    private String create(String request) {
        try (Response response = alertmanager.create(request)) {
            String body = response.readEntity(String.class);
            if (response.getStatus() >= 300) {
                throw UpstreamFailure.refused("Alertmanager refused the silence (HTTP " + response.getStatus() + "): " + message(body));
            }
            JsonObject answer = JsonFactory.createReader(new StringReader(body)).readObject();
            return answer.getString("silenceID");
        } catch (ProcessingException unreachable) {
            throw unavailable(unreachable);
        } catch (jakarta.json.JsonException | ClassCastException | NullPointerException malformed) {
            throw UpstreamFailure.refused("Alertmanager's answer to the silence was not {\"silenceID\":…}: " + malformed.getMessage());
        }
    }

    private void expire(String silenceId) {
        try (Response response = alertmanager.expire(silenceId)) {
            String body = response.readEntity(String.class);
            // 404: already expired or gone (Alertmanager restarted without its data): nothing left to expire
            if (response.getStatus() >= 300 && response.getStatus() != 404) {
                throw UpstreamFailure.refused("Alertmanager refused to expire silence " + silenceId + " (HTTP " + response.getStatus()
                        + "): " + message(body));
            }
        } catch (ProcessingException unreachable) {
            throw unavailable(unreachable);
        }
    }

    private UpstreamFailure unavailable(ProcessingException unreachable) {
        return UpstreamFailure.unreachable("Alertmanager at " + configuration.alertmanagerUrl() + " did not answer ("
                + RootCause.message(unreachable) + "); nothing was silenced or expired", unreachable);
    }

    /** Alertmanager answers errors as a JSON string, sometimes as plain text. */
    private static String message(String body) {
        String text = body == null ? "" : body.trim();
        if (text.startsWith("\"") && text.endsWith("\"") && text.length() >= 2) {
            text = text.substring(1, text.length() - 1).replace("\\\"", "\"");
        }
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }
}
