package dev.servicemetrics.incidents.control;

import dev.servicemetrics.incidents.entity.Cursor;
import dev.servicemetrics.incidents.entity.Incident;
import dev.servicemetrics.incidents.entity.IncidentFilter;
import dev.servicemetrics.incidents.entity.IncidentPage;
import dev.servicemetrics.incidents.entity.IncidentSort;
import dev.servicemetrics.incidents.entity.IncidentView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Lists incidents page by page: the filters become SQL over indexed columns, the order is one of
 * {@link IncidentSort}, and a page continues after the cursor's incident (keyset pagination), so deep
 * pages cost what the first one does. Labels and annotations of a page are read in two queries.
 * The total is exact up to {@link #COUNT_BOUND}.
 */
@ApplicationScoped
public class IncidentSearch {

    /**
     * Matches are counted up to here and no further: past it the total says "at least", so that the first
     * page of a broad filter over 100,000 incidents costs what a narrow one does.
     */
    public static final int COUNT_BOUND = 10_000;

    @PersistenceContext(unitName = "service-metrics")
    EntityManager em;

    @Transactional
    public IncidentPage page(IncidentFilter filter, IncidentSort sort, Optional<Cursor> after, int limit) {
        SqlConditions where = SqlConditions.of(filter);
        long counted = ((Number) where.bind(em.createNativeQuery("SELECT COUNT(*) FROM (SELECT 1 FROM incident i" + where.sql()
                + " LIMIT " + (COUNT_BOUND + 1) + ") matching")).getSingleResult()).longValue();
        IncidentPage.Total total = counted > COUNT_BOUND ? IncidentPage.Total.atLeast(COUNT_BOUND) : IncidentPage.Total.exactly(counted);

        after.ifPresent(cursor -> where.keysetAfter(sort, cursor));
        String sql = "SELECT i.* FROM incident i" + where.sql() + " ORDER BY " + orderBy(sort) + " LIMIT " + (limit + 1);
        @SuppressWarnings("unchecked")
        List<Incident> rows = where.bind(em.createNativeQuery(sql, Incident.class)).getResultList();

        boolean more = rows.size() > limit;
        List<Incident> page = more ? rows.subList(0, limit) : rows;
        List<Long> ids = page.stream().map(Incident::id).toList();
        Map<Long, Map<String, String>> labels = pairs("incident_label", "label", ids);
        Map<Long, Map<String, String>> annotations = pairs("incident_annotation", "annotation", ids);
        List<IncidentView> items = page.stream()
                .map(incident -> IncidentView.of(incident, labels.getOrDefault(incident.id(), Map.of()),
                        annotations.getOrDefault(incident.id(), Map.of())))
                .toList();
        Optional<Cursor> next = more ? Optional.of(Cursor.after(sort, page.get(page.size() - 1))) : Optional.empty();
        return new IncidentPage(items, total, limit, sort, next);
    }

    private static String orderBy(IncidentSort sort) {
        return sort.orders().stream()
                .map(order -> SqlConditions.column(order.key()) + (order.descending() ? " DESC" : " ASC"))
                .collect(Collectors.joining(", "));
    }

    /** name → value per incident, from a child table; the ids are numbers read from the database. */
    private Map<Long, Map<String, String>> pairs(String table, String prefix, List<Long> ids) {
        Map<Long, Map<String, String>> byIncident = new HashMap<>();
        if (ids.isEmpty()) {
            return byIncident;
        }
        String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT incident_id, " + prefix + "_name, " + prefix + "_value FROM " + table
                + " WHERE incident_id IN (" + in + ")").getResultList();
        for (Object[] row : rows) {
            byIncident.computeIfAbsent(((Number) row[0]).longValue(), id -> new HashMap<>())
                    .put((String) row[1], (String) row[2]);
        }
        return byIncident;
    }
}
