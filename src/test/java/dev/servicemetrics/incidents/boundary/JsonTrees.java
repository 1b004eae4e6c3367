package dev.servicemetrics.incidents.boundary;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of JSON for the properties of the request parsers: any JSON tree, hostile strings, and
 * objects whose known fields are each kept as valid, left out, or replaced by anything at all.
 */
final class JsonTrees {

    private JsonTrees() {
    }

    /** Text as alerts carry it in the wild and as an attacker would write it. */
    static Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20),
                Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').withChars("\u007f\u202e\u202d\u2066\u200b\ufeff\ud83d\ude00")
                        .ofMaxLength(8),
                Arbitraries.of("", " ", "firing", "resolved", "4", "critical", "warning", "info", "2h", "0001-01-01T00:00:00Z",
                        "2026-02-09T10:30:00Z", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "\ud800", "null"));
    }

    static Arbitrary<JsonValue> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(Json::createValue),
                Arbitraries.longs().map(Json::createValue),
                Arbitraries.doubles().filter(Double::isFinite).map(Json::createValue),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(25)).map(Json::createValue),
                Arbitraries.of("1e2", "-0", "0.5", "1E+400", "1e-400", "4.0", "9223372036854775808", "18446744073709551617")
                        .map(BigDecimal::new).map(Json::createValue));
    }

    static Arbitrary<JsonValue> scalars() {
        return Arbitraries.oneOf(texts().map(Json::createValue), numbers(),
                Arbitraries.of(JsonValue.TRUE, JsonValue.FALSE, JsonValue.NULL));
    }

    /** Any JSON value, nested up to {@code depth} arrays or objects deep. */
    static Arbitrary<JsonValue> values(int depth) {
        if (depth == 0) {
            return scalars();
        }
        return Arbitraries.frequencyOf(
                Tuple.of(4, scalars()),
                Tuple.of(1, Arbitraries.lazy(() -> values(depth - 1)).list().ofMaxSize(4).map(JsonTrees::array)),
                Tuple.of(1, Arbitraries.lazy(() -> objects(depth - 1)).map(JsonValue.class::cast)));
    }

    static Arbitrary<JsonObject> objects(int depth) {
        return Arbitraries.maps(texts(), values(depth)).ofMaxSize(4).map(JsonTrees::object);
    }

    /** An object of strings such as labels, sometimes with a value that is not a string. */
    static Arbitrary<Map<String, String>> labels() {
        return Arbitraries.maps(texts(), texts()).ofMaxSize(5);
    }

    static Arbitrary<JsonValue> time() {
        return Arbitraries.longs().between(Instant.parse("0001-01-01T00:00:00Z").getEpochSecond(), Instant.parse("9999-12-31T23:59:59Z").getEpochSecond())
                .flatMap(seconds -> Arbitraries.integers().between(0, 999_999_999).map(nanos -> Instant.ofEpochSecond(seconds, nanos)))
                .map(instant -> Json.createValue(instant.toString()));
    }

    /**
     * An object with the given fields, each mostly valid, sometimes absent, sometimes any JSON value at
     * all; plus now and then a field nobody asked for.
     */
    static Arbitrary<JsonObject> mutated(Map<String, Arbitrary<JsonValue>> validFields) {
        List<Arbitrary<Optional<Map.Entry<String, JsonValue>>>> fields = new ArrayList<>();
        validFields.forEach((name, valid) -> fields.add(Arbitraries.frequencyOf(
                Tuple.of(12, valid.map(value -> Optional.of(Map.entry(name, value)))),
                Tuple.of(1, Arbitraries.just(Optional.<Map.Entry<String, JsonValue>>empty())),
                Tuple.of(1, values(2).map(value -> Optional.of(Map.entry(name, value)))))));
        return Combinators.combine(Combinators.combine(fields).as(List::copyOf), objects(1).injectNull(0.7))
                .as((entries, extra) -> {
                    Map<String, JsonValue> members = new LinkedHashMap<>();
                    if (extra != null) {
                        members.putAll(extra);
                    }
                    entries.forEach(entry -> entry.ifPresent(field -> members.put(field.getKey(), field.getValue())));
                    return object(members);
                });
    }

    static JsonObject object(Map<String, ? extends JsonValue> members) {
        JsonObjectBuilder builder = Json.createObjectBuilder();
        members.forEach(builder::add);
        return builder.build();
    }

    static JsonValue strings(Map<String, String> members) {
        JsonObjectBuilder builder = Json.createObjectBuilder();
        members.forEach(builder::add);
        return builder.build();
    }

    static JsonValue array(List<? extends JsonValue> values) {
        JsonArrayBuilder builder = Json.createArrayBuilder();
        values.forEach(builder::add);
        return builder.build();
    }
}
