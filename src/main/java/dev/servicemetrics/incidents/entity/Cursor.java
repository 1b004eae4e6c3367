package dev.servicemetrics.incidents.entity;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Where the next page starts: the sort keys of the last incident shown. Opaque to clients
 * (base64url); a page continues right after that incident even when new ones arrive meanwhile.
 */
public record Cursor(IncidentSort sort, List<Long> after) {

    public Cursor {
        after = List.copyOf(after);
    }

    public static Cursor after(IncidentSort sort, IncidentView last) {
        return new Cursor(sort, sort.orders().stream().map(order -> order.key().valueOf(last)).toList());
    }

    public String encode() {
        StringBuilder text = new StringBuilder(sort.wireName());
        after.forEach(value -> text.append(':').append(value));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor in {@code encoded}, if it is one made for {@code sort}. */
    public static Optional<Cursor> decode(String encoded, IncidentSort sort) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            // -1 keeps empty parts: ":" is no cursor (not an empty array), "x:1:2:" is not "x:1:2"
            String[] parts = text.split(":", -1);
            if (!parts[0].equals(sort.wireName()) || parts.length != sort.orders().size() + 1) {
                return Optional.empty();
            }
            return Optional.of(new Cursor(sort, Arrays.stream(parts).skip(1).map(Long::valueOf).toList()));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
