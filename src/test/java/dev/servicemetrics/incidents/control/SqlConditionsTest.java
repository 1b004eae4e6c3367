package dev.servicemetrics.incidents.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicemetrics.incidents.entity.Cursor;
import dev.servicemetrics.incidents.entity.IncidentFilter;
import dev.servicemetrics.incidents.entity.IncidentSort;
import dev.servicemetrics.incidents.entity.IncidentStatus;
import dev.servicemetrics.incidents.entity.Severity;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqlConditionsTest {

    @Test
    void everyValueIsANumberedParameter() {
        IncidentFilter filter = new IncidentFilter(Set.of(IncidentStatus.OPEN), Set.of(Severity.CRITICAL), Set.of(),
                Optional.of("50%_off"), List.of(new IncidentFilter.LabelMatch("env", "prod")), Optional.empty(), Optional.empty());
        String sql = SqlConditions.of(filter).sql();
        assertEquals(" WHERE i.status IN (?1) AND i.severity IN (?2)"
                + " AND (LOWER(i.title) LIKE ?3 ESCAPE '\\'"
                + " OR EXISTS (SELECT 1 FROM incident_label l WHERE l.incident_id = i.id AND LOWER(l.label_value) LIKE ?4 ESCAPE '\\')"
                + " OR EXISTS (SELECT 1 FROM incident_alert_label al WHERE al.incident_id = i.id AND LOWER(al.label_value) LIKE ?5 ESCAPE '\\')"
                + " OR EXISTS (SELECT 1 FROM incident_annotation a WHERE a.incident_id = i.id AND LOWER(a.annotation_value) LIKE ?6 ESCAPE '\\'))"
                + " AND (EXISTS (SELECT 1 FROM incident_label l WHERE l.incident_id = i.id AND l.label_name = ?7 AND l.label_value = ?8)"
                + " OR EXISTS (SELECT 1 FROM incident_alert_label al WHERE al.incident_id = i.id AND al.label_name = ?9 AND al.label_value = ?10))", sql);
    }

    @Test
    void keysetContinuesAfterTheCursorInEachKeysDirection() {
        SqlConditions where = SqlConditions.of(IncidentFilter.all());
        where.keysetAfter(IncidentSort.LEAST_SEVERE, new Cursor(IncidentSort.LEAST_SEVERE, List.of(2L, 0L, 7L)));
        String severity = SqlConditions.column(dev.servicemetrics.incidents.entity.SortKey.SEVERITY);
        assertEquals(" WHERE ((" + severity + " > ?1) OR (" + severity + " = ?2 AND i.starts_at < ?3)"
                + " OR (" + severity + " = ?4 AND i.starts_at = ?5 AND i.id < ?6))", where.sql());
    }
}
