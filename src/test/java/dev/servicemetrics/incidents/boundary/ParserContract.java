package dev.servicemetrics.incidents.boundary;

import jakarta.ws.rs.BadRequestException;
import java.util.Optional;
import java.util.function.Supplier;

/** What the properties hold every request parser to: a value, or a 400 that says what is wrong; nothing else escapes. */
final class ParserContract {

    private ParserContract() {
    }

    static <T> Optional<T> valueOrBadRequest(Supplier<T> parse) {
        try {
            return Optional.of(parse.get());
        } catch (BadRequestException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError("a 400 without a reason", expected);
            }
            return Optional.empty();
        }
    }
}
