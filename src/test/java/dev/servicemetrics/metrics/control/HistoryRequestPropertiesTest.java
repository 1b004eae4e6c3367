package dev.servicemetrics.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class HistoryRequestPropertiesTest {

    static final Map<String, Long> UNIT_MILLIS = Map.of("ms", 1L, "s", 1_000L, "m", 60_000L, "h", 3_600_000L,
            "d", 86_400_000L, "w", 7 * 86_400_000L, "y", 365 * 86_400_000L);

    record Part(BigInteger amount, String unit) {
        @Override
        public String toString() {
            return amount + unit;
        }
    }

    @Property
    void anyTextIsAPositiveDurationOrNone(@ForAll("durationLikeTexts") String text) {
        HistoryRequest.duration(text).ifPresent(duration -> assertTrue(!(duration.isNegative() || duration.isZero()), text + " → " + duration));
    }

    @Property
    void anyStringIsAPositiveDurationOrNone(@ForAll String text) {
        HistoryRequest.duration(text).ifPresent(duration -> assertTrue(!(duration.isNegative() || duration.isZero()), text + " → " + duration));
    }

    @Property
    void partsAddUpOrAreTooLong(@ForAll("parts") List<Part> parts) {
        String text = String.join("", parts.stream().map(Part::toString).toList());
        assertEquals(expected(parts, UNIT_MILLIS), HistoryRequest.duration(text), text);
    }

    @Property
    void aFormattedDurationParsesBack(@ForAll("durations") Duration duration) {
        assertEquals(Optional.of(duration), HistoryRequest.duration(HistoryRequest.format(duration)),
                HistoryRequest.format(duration));
    }

    /** The sum in exact arithmetic; empty where it is zero, more than a Duration holds or has an amount past a long. */
    static Optional<Duration> expected(List<Part> parts, Map<String, Long> unitMillis) {
        BigInteger millis = parts.stream().map(part -> part.amount().multiply(BigInteger.valueOf(unitMillis.get(part.unit()))))
                .reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger[] seconds = millis.divideAndRemainder(BigInteger.valueOf(1000));
        boolean amountPastALong = parts.stream().anyMatch(part -> part.amount().bitLength() > 63);
        if (parts.isEmpty() || millis.signum() == 0 || seconds[0].bitLength() > 63 || amountPastALong) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(seconds[0].longValueExact()).plusMillis(seconds[1].longValueExact()));
    }

    @Provide
    Arbitrary<List<Part>> parts() {
        return parts(Arbitraries.of(UNIT_MILLIS.keySet()));
    }

    static Arbitrary<List<Part>> parts(Arbitrary<String> units) {
        Arbitrary<BigInteger> amounts = Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(100_000)),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(Long.MAX_VALUE)),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(30)),
                // where a week or a year in plain long arithmetic wraps round to a few days
                Arbitraries.of(2, 3, 5).map(k -> BigInteger.TWO.pow(64).multiply(BigInteger.valueOf(k)).divide(BigInteger.valueOf(7)).add(BigInteger.ONE)),
                Arbitraries.of(1, 2, 3).map(k -> BigInteger.TWO.pow(64).multiply(BigInteger.valueOf(k)).divide(BigInteger.valueOf(365)).add(BigInteger.ONE)));
        return Combinators.combine(amounts, units).as(Part::new).list().ofMinSize(1).ofMaxSize(4);
    }

    /** Numbers, units, signs, spaces and odd characters in any order. */
    @Provide
    static Arbitrary<String> durationLikeTexts() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.strings().numeric().ofMaxLength(25),
                Arbitraries.of("ms", "s", "m", "h", "d", "w", "y", "µs", "ns", ".", "-", "+", " ", "\t", "\u0000", "\u202e",
                        "٣", "e3", "", "0"),
                Arbitraries.strings().ofMaxLength(3));
        return piece.list().ofMaxSize(8).map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<Duration> durations() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(1, Duration.ofDays(400).toMillis()).map(Duration::ofMillis),
                Arbitraries.longs().between(1, 100_000).map(Duration::ofSeconds),
                Arbitraries.longs().between(1, 10_000).map(Duration::ofMinutes),
                Arbitraries.longs().between(1, 10_000).map(Duration::ofHours));
    }
}
