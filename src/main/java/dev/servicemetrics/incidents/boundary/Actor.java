package dev.servicemetrics.incidents.boundary;

import dev.servicemetrics.incidents.control.JsonFields;
import jakarta.json.JsonObject;
import java.util.Optional;

/** Who makes a change: the body's "by", else the X-Actor header, else "anonymous". */
final class Actor {

    static final String HEADER = "X-Actor";
    static final String ANONYMOUS = "anonymous";

    private Actor() {
    }

    static String of(JsonObject body, String header) {
        Optional<String> by = body == null ? Optional.empty() : JsonFields.text(body, "", "by");
        return by.or(() -> Optional.ofNullable(header))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .orElse(ANONYMOUS);
    }
}
