package dev.servicemetrics.incidents.boundary;

import dev.servicemetrics.incidents.control.IncidentSearch;
import dev.servicemetrics.incidents.control.IncidentSilences;
import dev.servicemetrics.incidents.control.SilenceStore;
import dev.servicemetrics.incidents.control.IncidentStatistics;
import dev.servicemetrics.incidents.control.IncidentStore;
import dev.servicemetrics.incidents.entity.AlertView;
import dev.servicemetrics.incidents.entity.IncidentConflict;
import dev.servicemetrics.incidents.entity.IncidentSort;
import dev.servicemetrics.incidents.entity.IncidentStatus;
import dev.servicemetrics.incidents.entity.SilenceView;
import dev.servicemetrics.incidents.entity.IncidentView;
import dev.servicemetrics.incidents.entity.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * /api/incidents: a light, filtered, paginated list; one incident; its timeline; statistics. Creating,
 * acknowledging, resolving and noting need the API token, record who did it, and answer 409 when the
 * incident's status does not allow the change or another change won the race.
 */
@ApplicationScoped
@Path("incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IncidentsResource {

    static final Duration DEFAULT_STATS_WINDOW = Duration.ofDays(7);

    @Inject
    IncidentStore store;

    @Inject
    IncidentSearch search;

    @Inject
    IncidentStatistics statistics;

    @Inject
    IncidentSilences silences;

    @Inject
    SilenceStore silenceStore;

    @GET
    public StreamingOutput list(@Context UriInfo uri) {
        IncidentQuery query = IncidentQuery.of(uri.getQueryParameters());
        IncidentSort sort = query.sort();
        return search.page(query.filter(), sort, query.cursor(sort), query.limit())::writeTo;
    }

    /** Over the incidents that started in [from, to); by default the last seven days. */
    @GET
    @Path("stats")
    public JsonObject stats(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant end = IncidentQuery.time("to", to).orElseGet(Instant::now);
        Instant start = IncidentQuery.time("from", from).orElseGet(() -> end.minus(DEFAULT_STATS_WINDOW));
        if (!start.isBefore(end)) {
            throw new BadRequestException("from must be before to");
        }
        return statistics.over(start, end).toJson();
    }

    @GET
    @Path("{id: \\d+}")
    public JsonObject incident(@PathParam("id") long id) {
        return found(id, store.view(id)).toJson();
    }

    @GET
    @Path("{id: \\d+}/timeline")
    public JsonObject timeline(@PathParam("id") long id) {
        List<TimelineEntry> entries = found(id, store.timeline(id));
        JsonArrayBuilder events = JsonFactory.createArrayBuilder();
        entries.forEach(entry -> events.add(entry.toJson()));
        return JsonFactory.createObjectBuilder().add("incidentId", id).add("events", events).build();
    }

    /** The incident's alerts, a page at a time in the order they joined it. */
    @GET
    @Path("{id: \\d+}/alerts")
    public JsonObject alerts(@PathParam("id") long id, @Context UriInfo uri) {
        AlertsQuery query = AlertsQuery.of(uri.getQueryParameters());
        int limit = query.limit();
        List<AlertView> page = found(id, store.alerts(id, query.firing(), query.afterId(), limit + 1));
        boolean more = page.size() > limit;
        List<AlertView> items = more ? page.subList(0, limit) : page;
        JsonArrayBuilder array = JsonFactory.createArrayBuilder();
        items.forEach(alert -> array.add(alert.toJson()));
        JsonObjectBuilder answer = JsonFactory.createObjectBuilder().add("incidentId", id).add("items", array).add("limit", limit);
        if (more) {
            answer.add("nextCursor", AlertsQuery.cursorAfter(items.get(items.size() - 1).id()));
        } else {
            answer.addNull("nextCursor");
        }
        return answer.build();
    }

    @POST
    @BearerAuth
    public Response create(JsonObject body, @HeaderParam(Actor.HEADER) String actor, @Context UriInfo uri) {
        IncidentView created = store.report(IncidentRequests.newIncident(body), Actor.of(body, actor));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build())
                .entity(created.toJson())
                .build();
    }

    /** With "silenceFor", the incident's alerts are silenced too; a silence made for an acknowledgement that fails is undone. */
    @POST
    @Path("{id: \\d+}/acknowledge")
    @BearerAuth
    public JsonObject acknowledge(@PathParam("id") long id, JsonObject body, @HeaderParam(Actor.HEADER) String actor) {
        String by = Actor.of(body, actor);
        Optional<String> note = IncidentRequests.note(body);
        Optional<Duration> silenceFor = IncidentRequests.silenceFor(body);
        if (store.view(id).filter(incident -> incident.status() != IncidentStatus.OPEN).isPresent()) {
            return found(id, conflictAs409(() -> store.acknowledge(id, by, note))).toJson();
        }
        Optional<SilenceView> silence = silenceFor.map(duration -> found(id, conflictAs409(() ->
                silences.silence(id, duration, note.orElse("Acknowledged by " + by), by, Optional.empty()))));
        try {
            return found(id, conflictAs409(() -> store.acknowledge(id, by, note))).toJson();
        } catch (RuntimeException failed) {
            silence.ifPresent(made -> silences.expireQuietly(made.silenceId()));
            throw failed;
        }
    }

    /** With "expireSilences": true, the incident's silences are expired once it is resolved. */
    @POST
    @Path("{id: \\d+}/resolve")
    @BearerAuth
    public JsonObject resolve(@PathParam("id") long id, JsonObject body, @HeaderParam(Actor.HEADER) String actor) {
        String by = Actor.of(body, actor);
        Optional<String> note = IncidentRequests.note(body);
        boolean expire = IncidentRequests.expireSilences(body);
        IncidentView resolved = found(id, conflictAs409(() -> store.resolve(id, by, note)));
        if (expire) {
            silences.expire(id, by);
            return found(id, store.view(id)).toJson();
        }
        return resolved.toJson();
    }

    /**
     * Silences the incident's alerts in Alertmanager for {"duration"}: matchers are its group labels, or
     * with {"alert": fingerprint} that alert's labels.
     */
    @POST
    @Path("{id: \\d+}/silence")
    @BearerAuth
    public Response silence(@PathParam("id") long id, JsonObject body, @HeaderParam(Actor.HEADER) String actor) {
        IncidentRequests.Silence request = IncidentRequests.silence(body);
        String by = Actor.of(body, actor);
        SilenceView silence = found(id, conflictAs409(() -> silences.silence(id, request.duration(), request.comment(), by, request.alert())));
        return Response.status(Response.Status.CREATED).entity(silence.toJson()).build();
    }

    /** Expires the incident's active silences in Alertmanager. */
    @DELETE
    @Path("{id: \\d+}/silence")
    @BearerAuth
    public JsonObject unsilence(@PathParam("id") long id, @HeaderParam(Actor.HEADER) String actor) {
        List<SilenceView> expired = found(id, silences.expire(id, Actor.of(null, actor)));
        JsonArrayBuilder items = JsonFactory.createArrayBuilder();
        expired.forEach(silence -> items.add(silence.silenceId()));
        return JsonFactory.createObjectBuilder().add("incidentId", id).add("expired", items).build();
    }

    /** The silences made for the incident, newest first. */
    @GET
    @Path("{id: \\d+}/silences")
    public JsonObject silences(@PathParam("id") long id) {
        JsonArrayBuilder items = JsonFactory.createArrayBuilder();
        found(id, silenceStore.all(id)).forEach(silence -> items.add(silence.toJson()));
        return JsonFactory.createObjectBuilder().add("incidentId", id).add("items", items).build();
    }

    @POST
    @Path("{id: \\d+}/notes")
    @BearerAuth
    public Response addNote(@PathParam("id") long id, JsonObject body, @HeaderParam(Actor.HEADER) String actor) {
        String text = IncidentRequests.noteText(body);
        TimelineEntry note = found(id, store.addNote(id, Actor.of(body, actor), text));
        return Response.status(Response.Status.CREATED).entity(note.toJson()).build();
    }

    private static <T> T found(long id, Optional<T> value) {
        return value.orElseThrow(() -> new NotFoundException("No incident with id " + id));
    }

    private static <T> T conflictAs409(Supplier<T> change) {
        try {
            return change.get();
        } catch (IncidentConflict conflict) {
            throw new WebApplicationException(conflict.getMessage(), Response.Status.CONFLICT);
        }
    }
}
