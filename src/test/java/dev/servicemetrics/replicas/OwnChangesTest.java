package dev.servicemetrics.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicemetrics.incidents.entity.IncidentSource;
import dev.servicemetrics.incidents.entity.IncidentStatus;
import dev.servicemetrics.incidents.entity.IncidentView;
import dev.servicemetrics.incidents.entity.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OwnChangesTest {

    final OwnChanges own = new OwnChanges(2);

    @Test
    void anAnnouncedChangeIsHeardBackOnceAsItWasCommitted() {
        IncidentView acknowledged = view(7, 3, IncidentStatus.ACKNOWLEDGED);
        own.announced(new ChangeNotice(7, 3, "updated"), acknowledged);

        assertEquals(Optional.of(acknowledged), own.heardBack(new ChangeNotice(7, 3, "updated")));
        assertEquals(Optional.empty(), own.heardBack(new ChangeNotice(7, 3, "updated")), "a repeated notice is read again");
        assertEquals(0, own.size());
    }

    @Test
    void anotherReplicasNoticeIsNotAnOwnChange() {
        own.announced(new ChangeNotice(7, 3, "updated"), view(7, 3, IncidentStatus.OPEN));

        assertEquals(Optional.empty(), own.heardBack(new ChangeNotice(7, 4, "updated")));
        assertEquals(Optional.empty(), own.heardBack(new ChangeNotice(8, 3, "updated")));
        assertEquals(Optional.empty(), own.heardBack(new ChangeNotice(7, 3, "created")));
    }

    @Test
    void aNoticeThatCouldNotBeSentIsForgotten() {
        own.announced(new ChangeNotice(7, 3, "updated"), view(7, 3, IncidentStatus.OPEN));
        own.notAnnounced(new ChangeNotice(7, 3, "updated"));

        assertEquals(Optional.empty(), own.heardBack(new ChangeNotice(7, 3, "updated")));
    }

    @Test
    void whileNothingIsHeardBackTheOldestAreForgotten() {
        own.announced(new ChangeNotice(1, 1, "created"), view(1, 1, IncidentStatus.OPEN));
        own.announced(new ChangeNotice(2, 1, "created"), view(2, 1, IncidentStatus.OPEN));
        own.announced(new ChangeNotice(3, 1, "created"), view(3, 1, IncidentStatus.OPEN));

        assertEquals(2, own.size());
        assertEquals(Optional.empty(), own.heardBack(new ChangeNotice(1, 1, "created")), "read from the database instead");
        assertEquals(3, own.heardBack(new ChangeNotice(3, 1, "created")).orElseThrow().id());
    }

    static IncidentView view(long id, long version, IncidentStatus status) {
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        return new IncidentView(id, "Incident " + id, Severity.WARNING, status, IncidentSource.ALERTMANAGER, Optional.of("team"),
                Map.of("alertname", "Down"), 1, 1, 0, 0, Map.of("alertname", "Down"), Map.of(), at, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), at, version);
    }
}
