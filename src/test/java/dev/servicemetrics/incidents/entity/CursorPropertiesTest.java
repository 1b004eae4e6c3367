package dev.servicemetrics.incidents.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CursorPropertiesTest {

    @Property
    void everyCursorComesBackAsItWentOut(@ForAll("cursors") Cursor cursor) {
        assertEquals(Optional.of(cursor), Cursor.decode(cursor.encode(), cursor.sort()));
        assertTrue(cursor.encode().matches("[A-Za-z0-9_-]+"), "URL-safe without escaping");
    }

    @Property
    void aCursorIsOnlyForItsOwnSort(@ForAll("cursors") Cursor cursor, @ForAll IncidentSort other) {
        if (other != cursor.sort()) {
            assertEquals(Optional.empty(), Cursor.decode(cursor.encode(), other));
        }
    }

    @Property
    void anyStringIsACursorOrNone(@ForAll String encoded, @ForAll IncidentSort sort) {
        Cursor.decode(encoded, sort).ifPresent(cursor -> assertEquals(sort, cursor.sort()));
    }

    @Property
    void anyTextInBase64IsACursorOrNone(@ForAll("cursorLikeTexts") String text, @ForAll IncidentSort sort) {
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        Cursor.decode(encoded, sort).ifPresent(cursor -> assertEquals(sort.orders().size(), cursor.after().size()));
    }

    @Provide
    Arbitrary<Cursor> cursors() {
        return Arbitraries.of(IncidentSort.class).flatMap(sort -> Arbitraries.longs().list().ofSize(sort.orders().size())
                .map(after -> new Cursor(sort, after)));
    }

    /** Sort names, colons, numbers and odd characters: what a hand-edited cursor would hold. */
    @Provide
    Arbitrary<String> cursorLikeTexts() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of(IncidentSort.class).map(IncidentSort::wireName),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of(":", "::", "", "-", "+", " ", "9223372036854775808", "\u0000", "\u202e", "é"),
                Arbitraries.strings().ofMaxLength(5));
        return Combinators.combine(piece.list().ofMaxSize(6), Arbitraries.of(":", "", ","))
                .as((pieces, separator) -> String.join(separator, pieces));
    }
}
