package dev.servicemetrics.incidents.entity;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Optional;

/**
 * One page of a list: the incidents, how many match the filters in all (counted the same way on
 * every request), and the cursor of the next page when there is one.
 */
public record IncidentPage(List<IncidentView> items, long total, int limit, IncidentSort sort, Optional<Cursor> next) {

    public IncidentPage {
        items = List.copyOf(items);
    }

    public JsonObject toJson() {
        JsonArrayBuilder array = Json.createArrayBuilder();
        items.forEach(item -> array.add(item.toJson()));
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("items", array)
                .add("total", total)
                .add("limit", limit)
                .add("sort", sort.wireName());
        next.ifPresentOrElse(cursor -> json.add("nextCursor", cursor.encode()), () -> json.addNull("nextCursor"));
        return json.build();
    }
}
