package dev.servicemetrics.incidents.control;

import dev.servicemetrics.incidents.entity.Cursor;
import dev.servicemetrics.incidents.entity.IncidentFilter;
import dev.servicemetrics.incidents.entity.IncidentSort;
import dev.servicemetrics.incidents.entity.SortKey;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The WHERE clause of a list or a count over {@code incident i}, with every value bound as a
 * parameter. Only portable SQL: the same text runs on H2 and PostgreSQL.
 */
final class SqlConditions {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();

    private SqlConditions() {
    }

    static SqlConditions of(IncidentFilter filter) {
        SqlConditions where = new SqlConditions();
        where.in("i.status", filter.statuses().stream().map(Enum::name).toList());
        where.in("i.severity", filter.severities().stream().map(Enum::name).toList());
        where.in("i.source", filter.sources().stream().map(Enum::name).toList());
        filter.text().ifPresent(where::containsText);
        filter.labels().forEach(label -> where.add(
                "(EXISTS (SELECT 1 FROM incident_label l WHERE l.incident_id = i.id AND l.label_name = ? AND l.label_value = ?)"
                        + " OR EXISTS (SELECT 1 FROM incident_alert_label al WHERE al.incident_id = i.id"
                        + " AND al.label_name = ? AND al.label_value = ?))",
                label.name(), label.value(), label.name(), label.value()));
        filter.from().ifPresent(from -> where.add("i.starts_at >= ?", Timestamp.from(from)));
        filter.to().ifPresent(to -> where.add("i.starts_at < ?", Timestamp.from(to)));
        return where;
    }

    static String column(SortKey key) {
        return switch (key) {
            case STARTED_AT -> "i.starts_at";
            case UPDATED_AT -> "i.updated_at";
            case SEVERITY -> "CASE i.severity WHEN 'CRITICAL' THEN 3 WHEN 'WARNING' THEN 2 ELSE 1 END";
            case ID -> "i.id";
        };
    }

    /** Case-insensitive substring of the title, a label value (the incident's or one of its alerts') or an annotation value. */
    private void containsText(String text) {
        String pattern = "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        add("(LOWER(i.title) LIKE ? ESCAPE '\\'"
                + " OR EXISTS (SELECT 1 FROM incident_label l WHERE l.incident_id = i.id AND LOWER(l.label_value) LIKE ? ESCAPE '\\')"
                + " OR EXISTS (SELECT 1 FROM incident_alert_label al WHERE al.incident_id = i.id AND LOWER(al.label_value) LIKE ? ESCAPE '\\')"
                + " OR EXISTS (SELECT 1 FROM incident_annotation a WHERE a.incident_id = i.id AND LOWER(a.annotation_value) LIKE ? ESCAPE '\\'))",
                pattern, pattern, pattern, pattern);
    }

    /**
     * Rows strictly after the cursor in the sort's order: (k1 after v1) OR (k1 = v1 AND k2 after v2) OR …
     * Written out rather than as a row comparison because the keys may run in different directions.
     */
    void keysetAfter(IncidentSort sort, Cursor cursor) {
        List<IncidentSort.Order> orders = sort.orders();
        List<String> alternatives = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            List<String> parts = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                parts.add(column(orders.get(j).key()) + " = ?");
                values.add(value(orders.get(j).key(), cursor.after().get(j)));
            }
            parts.add(column(orders.get(i).key()) + (orders.get(i).descending() ? " < ?" : " > ?"));
            values.add(value(orders.get(i).key(), cursor.after().get(i)));
            alternatives.add("(" + String.join(" AND ", parts) + ")");
        }
        add("(" + String.join(" OR ", alternatives) + ")", values.toArray());
    }

    private static Object value(SortKey key, long value) {
        return key.isInstant() ? Timestamp.from(Instant.ofEpochMilli(value)) : (Object) value;
    }

    private void in(String column, Collection<String> values) {
        if (!values.isEmpty()) {
            add(column + " IN (" + values.stream().map(v -> "?").collect(Collectors.joining(", ")) + ")", values.toArray());
        }
    }

    /** Each "?" of {@code condition} becomes a numbered parameter (?1, ?2 …) bound to the next value. */
    private void add(String condition, Object... values) {
        StringBuilder numbered = new StringBuilder();
        int next = 0;
        for (char c : condition.toCharArray()) {
            numbered.append(c);
            if (c == '?') {
                parameters.add(values[next++]);
                numbered.append(parameters.size());
            }
        }
        conditions.add(numbered.toString());
    }

    String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** The WHERE clause with plain JDBC placeholders, for {@link #bind(PreparedStatement, int)}. */
    String jdbcSql() {
        return sql().replaceAll("\\?\\d+", "?");
    }

    /** Binds the values from parameter {@code first} on; answers the next free parameter index. */
    int bind(PreparedStatement statement, int first) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(first + i, parameters.get(i));
        }
        return first + parameters.size();
    }
}
