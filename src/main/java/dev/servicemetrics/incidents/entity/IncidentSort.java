package dev.servicemetrics.incidents.entity;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The orders a list may be sorted in (a leading "-" is descending). Each ends with the id, so that
 * the order is total and a keyset cursor never skips or repeats an incident.
 */
public enum IncidentSort {
    STARTED_LATEST("-startedAt", Order.desc(SortKey.STARTED_AT), Order.desc(SortKey.ID)),
    STARTED_EARLIEST("startedAt", Order.asc(SortKey.STARTED_AT), Order.asc(SortKey.ID)),
    UPDATED_LATEST("-updatedAt", Order.desc(SortKey.UPDATED_AT), Order.desc(SortKey.ID)),
    UPDATED_EARLIEST("updatedAt", Order.asc(SortKey.UPDATED_AT), Order.asc(SortKey.ID)),
    MOST_SEVERE("-severity", Order.desc(SortKey.SEVERITY), Order.desc(SortKey.STARTED_AT), Order.desc(SortKey.ID)),
    LEAST_SEVERE("severity", Order.asc(SortKey.SEVERITY), Order.desc(SortKey.STARTED_AT), Order.desc(SortKey.ID));

    public static final IncidentSort DEFAULT = STARTED_LATEST;

    private final String wireName;
    private final List<Order> orders;

    IncidentSort(String wireName, Order... orders) {
        this.wireName = wireName;
        this.orders = List.of(orders);
    }

    public String wireName() {
        return wireName;
    }

    public List<Order> orders() {
        return orders;
    }

    public static Optional<IncidentSort> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(value)).findFirst();
    }

    public static String allowed() {
        return Arrays.stream(values()).map(IncidentSort::wireName).collect(Collectors.joining(", "));
    }

    public record Order(SortKey key, boolean descending) {
        static Order asc(SortKey key) {
            return new Order(key, false);
        }

        static Order desc(SortKey key) {
            return new Order(key, true);
        }
    }
}
