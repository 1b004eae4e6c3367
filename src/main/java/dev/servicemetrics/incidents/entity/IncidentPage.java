package dev.servicemetrics.incidents.entity;

import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Optional;

/**
 * One page of a list: the incidents, how many match the filters in all (counted the same way on
 * every request, exactly up to a bound and "at least" past it), and the cursor of the next page when
 * there is one.
 */
public record IncidentPage(List<IncidentView> items, Total total, int limit, IncidentSort sort, Optional<Cursor> next) {

    /** How many incidents match: {@code count} exactly, or at least {@code count} when not exact. */
    public record Total(long count, boolean exact) {

        public static Total exactly(long count) {
            return new Total(count, true);
        }

        public static Total atLeast(long count) {
            return new Total(count, false);
        }
    }

    public IncidentPage {
        items = List.copyOf(items);
    }

    public JsonObject toJson() {
        JsonArrayBuilder array = JsonFactory.createArrayBuilder();
        items.forEach(item -> array.add(item.toJson()));
        JsonObjectBuilder json = JsonFactory.createObjectBuilder()
                .add("items", array)
                .add("total", total.count())
                .add("totalExact", total.exact())
                .add("limit", limit)
                .add("sort", sort.wireName());
        next.ifPresentOrElse(cursor -> json.add("nextCursor", cursor.encode()), () -> json.addNull("nextCursor"));
        return json.build();
    }
}
