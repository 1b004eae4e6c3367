package dev.servicemetrics.incidents.control;

import dev.servicemetrics.incidents.entity.IncidentStats;
import dev.servicemetrics.incidents.entity.IncidentStatus;
import dev.servicemetrics.incidents.entity.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Counts and mean times over a window, computed by the database in two queries. EXTRACT(EPOCH FROM …)
 * gives seconds on H2 and PostgreSQL alike, so the same SQL gives the same numbers on both.
 */
@ApplicationScoped
public class IncidentStatistics {

    private static final String WINDOW = " FROM incident WHERE starts_at >= ?1 AND starts_at < ?2";

    @PersistenceContext(unitName = "service-metrics")
    EntityManager em;

    @Transactional
    public IncidentStats over(Instant from, Instant to) {
        Map<IncidentStatus, Long> byStatus = new EnumMap<>(IncidentStatus.class);
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        @SuppressWarnings("unchecked")
        List<Object[]> counts = window(em.createNativeQuery("SELECT status, severity, COUNT(*)" + WINDOW
                + " GROUP BY status, severity"), from, to).getResultList();
        for (Object[] row : counts) {
            long count = ((Number) row[2]).longValue();
            byStatus.merge(IncidentStatus.valueOf((String) row[0]), count, Long::sum);
            bySeverity.merge(Severity.valueOf((String) row[1]), count, Long::sum);
        }
        Object[] times = (Object[]) window(em.createNativeQuery("SELECT"
                + " COUNT(acknowledged_at), AVG(EXTRACT(EPOCH FROM acknowledged_at) - EXTRACT(EPOCH FROM starts_at)),"
                + " COUNT(resolved_at), AVG(EXTRACT(EPOCH FROM resolved_at) - EXTRACT(EPOCH FROM starts_at))" + WINDOW),
                from, to).getSingleResult();
        return new IncidentStats(from, to, byStatus, bySeverity,
                ((Number) times[0]).longValue(), seconds(times[1]), ((Number) times[2]).longValue(), seconds(times[3]));
    }

    private static Query window(Query query, Instant from, Instant to) {
        return query.setParameter(1, Timestamp.from(from)).setParameter(2, Timestamp.from(to));
    }

    private static OptionalDouble seconds(Object average) {
        return average == null ? OptionalDouble.empty() : OptionalDouble.of(((Number) average).doubleValue());
    }
}
