package dev.servicemetrics.incidents.control;

import dev.servicemetrics.incidents.entity.Cursor;
import dev.servicemetrics.incidents.entity.IncidentFilter;
import dev.servicemetrics.incidents.entity.IncidentPage;
import dev.servicemetrics.incidents.entity.IncidentSort;
import dev.servicemetrics.incidents.entity.IncidentSource;
import dev.servicemetrics.incidents.entity.IncidentStatus;
import dev.servicemetrics.incidents.entity.IncidentView;
import dev.servicemetrics.incidents.entity.RenderedIncident;
import dev.servicemetrics.incidents.entity.LabelsJson;
import dev.servicemetrics.incidents.entity.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Lists incidents page by page: the filters become SQL over indexed columns, the order is one of
 * {@link IncidentSort}, and a page continues after the cursor's incident (keyset pagination), so deep
 * pages cost what the first one does. Rows become views straight from JDBC (no entities: a list
 * changes nothing); labels and annotations of a page are read in two queries, only for the incidents whose
 * current version {@link RenderedIncidents} does not hold written already. The total is exact up to {@link #COUNT_BOUND}.
 * On PostgreSQL a whole page is answered again from {@link ListPages} while no transaction has ended since it was read.
 */
@ApplicationScoped
public class IncidentSearch {

    /**
     * Matches are counted up to here and no further: past it the total says "at least", so that the first
     * page of a broad filter over 100,000 incidents costs what a narrow one does.
     */
    public static final int COUNT_BOUND = 10_000;

    private static final String COLUMNS = "i.id, i.title, i.severity, i.status, i.source, i.receiver, i.group_labels,"
            + " i.alerts_firing, i.alerts_total, i.alerts_silenced, i.alerts_inhibited, i.starts_at, i.acknowledged_at,"
            + " i.acknowledged_by, i.resolved_at, i.resolved_by, i.previous_incident_id, i.updated_at, i.version";

    @Inject
    DataSource dataSource;

    @Inject
    RenderedIncidents rendered;

    @Inject
    ListPages pages;

    @Inject
    IncidentMetrics metrics;

    /**
     * A read in the connection's own (auto-commit) transactions: no JTA transaction to enlist it in. On PostgreSQL a
     * page read while the database's snapshot stayed put is kept, and answered again while it still stays put.
     */
    public IncidentPage page(IncidentFilter filter, IncidentSort sort, Optional<Cursor> after, int limit) {
        try (Connection connection = dataSource.getConnection()) {
            ListPages.Key key = new ListPages.Key(filter, sort, after, limit);
            Optional<String> before = pages.snapshot(connection);
            Optional<IncidentPage> kept = before.flatMap(snapshot -> pages.kept(key, snapshot));
            metrics.listPage(kept.isPresent());
            if (kept.isPresent()) {
                return kept.get();
            }
            IncidentPage page = read(connection, filter, sort, after, limit);
            if (before.isPresent() && before.equals(pages.snapshot(connection))) {
                pages.keep(key, before.get(), page);
            }
            return page;
        } catch (SQLException failed) {
            throw new PersistenceException("Could not list incidents: " + failed.getMessage(), failed);
        }
    }

    private IncidentPage read(Connection connection, IncidentFilter filter, IncidentSort sort, Optional<Cursor> after, int limit)
            throws SQLException {
        SqlConditions where = SqlConditions.of(filter);
        IncidentPage.Total total = count(connection, where);
        after.ifPresent(cursor -> where.keysetAfter(sort, cursor));
        List<Row> rows = rows(connection, "SELECT " + COLUMNS + " FROM incident i" + where.jdbcSql()
                + " ORDER BY " + orderBy(sort) + " LIMIT " + (limit + 1), where);
        boolean more = rows.size() > limit;
        List<Row> page = more ? rows.subList(0, limit) : rows;
        Map<Long, RenderedIncident> known = rendered.known(page.stream().collect(Collectors.toMap(Row::id, Row::version)));
        List<Long> unknown = page.stream().map(Row::id).filter(id -> !known.containsKey(id)).toList();
        Map<Long, Map<String, String>> labels = pairs(connection, "incident_label", "label", unknown);
        Map<Long, Map<String, String>> annotations = pairs(connection, "incident_annotation", "annotation", unknown);
        List<RenderedIncident> items = new ArrayList<>(page.size());
        List<RenderedIncident> written = new ArrayList<>(unknown.size());
        for (Row row : page) {
            RenderedIncident item = known.get(row.id());
            if (item == null) {
                item = RenderedIncident.of(row.view(labels.getOrDefault(row.id(), Map.of()),
                        annotations.getOrDefault(row.id(), Map.of())));
                written.add(item);
            }
            items.add(item);
        }
        rendered.remember(written);
        Optional<Cursor> next = more ? Optional.of(Cursor.after(sort, page.get(page.size() - 1).view(Map.of(), Map.of())))
                : Optional.empty();
        return new IncidentPage(items, total, limit, sort, next);
    }

    private static IncidentPage.Total count(Connection connection, SqlConditions where) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM (SELECT 1 FROM incident i"
                + where.jdbcSql() + " LIMIT " + (COUNT_BOUND + 1) + ") matching")) {
            where.bind(select, 1);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                long counted = row.getLong(1);
                return counted > COUNT_BOUND ? IncidentPage.Total.atLeast(COUNT_BOUND) : IncidentPage.Total.exactly(counted);
            }
        }
    }

    private static List<Row> rows(Connection connection, String sql, SqlConditions where) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            where.bind(select, 1);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(Row.of(result));
                }
            }
        }
        return rows;
    }

    private static String orderBy(IncidentSort sort) {
        return sort.orders().stream()
                .map(order -> SqlConditions.column(order.key()) + (order.descending() ? " DESC" : " ASC"))
                .collect(Collectors.joining(", "));
    }

    /** name → value per incident, from a child table; the ids are numbers read from the database. */
    private static Map<Long, Map<String, String>> pairs(Connection connection, String table, String prefix, List<Long> ids)
            throws SQLException {
        Map<Long, Map<String, String>> byIncident = new HashMap<>();
        if (ids.isEmpty()) {
            return byIncident;
        }
        String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        try (PreparedStatement select = connection.prepareStatement("SELECT incident_id, " + prefix + "_name, " + prefix
                + "_value FROM " + table + " WHERE incident_id IN (" + in + ")");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                byIncident.computeIfAbsent(rows.getLong(1), id -> new HashMap<>()).put(rows.getString(2), rows.getString(3));
            }
        }
        return byIncident;
    }

    /** One row of the page, before its labels and annotations join it. */
    private record Row(long id, String title, Severity severity, IncidentStatus status, IncidentSource source,
                       Optional<String> receiver, String groupLabels, int firing, int total, int silenced, int inhibited,
                       Instant startedAt, Optional<Instant> acknowledgedAt, Optional<String> acknowledgedBy,
                       Optional<Instant> resolvedAt, Optional<String> resolvedBy, Optional<Long> previous, Instant updatedAt,
                       long version) {

        static Row of(ResultSet row) throws SQLException {
            long previous = row.getLong(17);
            Optional<Long> previousId = row.wasNull() ? Optional.empty() : Optional.of(previous);
            return new Row(row.getLong(1), row.getString(2), Severity.valueOf(row.getString(3)), IncidentStatus.valueOf(row.getString(4)),
                    IncidentSource.valueOf(row.getString(5)), Optional.ofNullable(row.getString(6)), row.getString(7),
                    row.getInt(8), row.getInt(9), row.getInt(10), row.getInt(11), instant(row, 12).orElseThrow(),
                    instant(row, 13), Optional.ofNullable(row.getString(14)), instant(row, 15), Optional.ofNullable(row.getString(16)),
                    previousId, instant(row, 18).orElseThrow(), row.getLong(19));
        }

        private static Optional<Instant> instant(ResultSet row, int column) throws SQLException {
            Timestamp value = row.getTimestamp(column);
            return Optional.ofNullable(value).map(Timestamp::toInstant);
        }

        IncidentView view(Map<String, String> labels, Map<String, String> annotations) {
            return new IncidentView(id, title, severity, status, source, receiver, LabelsJson.read(groupLabels), firing, total,
                    silenced, inhibited, labels, annotations, startedAt, acknowledgedAt, acknowledgedBy, resolvedAt, resolvedBy,
                    previous, updatedAt, version);
        }
    }
}
