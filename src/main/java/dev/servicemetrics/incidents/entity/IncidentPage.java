package dev.servicemetrics.incidents.entity;

import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * One page of a list: the incidents, how many match the filters in all (counted the same way on
 * every request, exactly up to a bound and "at least" past it), and the cursor of the next page when
 * there is one.
 */
public record IncidentPage(List<RenderedIncident> items, Total total, int limit, IncidentSort sort, Optional<Cursor> next) {

    /** How many incidents match: {@code count} exactly, or at least {@code count} when not exact. */
    public record Total(long count, boolean exact) {

        public static Total exactly(long count) {
            return new Total(count, true);
        }

        public static Total atLeast(long count) {
            return new Total(count, false);
        }
    }

    private static final byte[] ITEMS = "{\"items\":[".getBytes(StandardCharsets.US_ASCII);

    public IncidentPage {
        items = List.copyOf(items);
    }

    /** The page as JSON: the items as they were written, then the page's own fields. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(ITEMS);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(items.get(i).json());
        }
        JsonObjectBuilder fields = JsonFactory.createObjectBuilder()
                .add("total", total.count())
                .add("totalExact", total.exact())
                .add("limit", limit)
                .add("sort", sort.wireName());
        next.ifPresentOrElse(cursor -> fields.add("nextCursor", cursor.encode()), () -> fields.addNull("nextCursor"));
        String rest = fields.build().toString();
        out.write(']');
        out.write(',');
        out.write(rest.substring(1).getBytes(StandardCharsets.UTF_8));
    }
}
