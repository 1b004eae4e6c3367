package dev.servicemetrics.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

class ConfigValuesPropertiesTest {

    static final Map<String, Long> UNIT_MILLIS = Map.of("ms", 1L, "s", 1_000L, "m", 60_000L, "h", 3_600_000L,
            "d", 86_400_000L, "w", 7 * 86_400_000L);

    record Part(BigInteger amount, String unit) {
        @Override
        public String toString() {
            return amount + unit;
        }
    }

    @Property
    void anyStringIsAPositiveDurationOrInvalidConfiguration(@ForAll("durationLikeTexts") String value) {
        try {
            assertTrue(positive(ConfigValues.prometheusDuration("HISTORY_WINDOW", value)), value);
        } catch (InvalidConfigurationException expected) {
            assertTrue(expected.getMessage().startsWith("HISTORY_WINDOW="), expected.getMessage());
        }
    }

    @Property
    void partsAddUpOrAreInvalid(@ForAll("parts") List<Part> parts) {
        String value = String.join("", parts.stream().map(Part::toString).toList());
        BigInteger millis = parts.stream().map(part -> part.amount().multiply(BigInteger.valueOf(UNIT_MILLIS.get(part.unit()))))
                .reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger[] seconds = millis.divideAndRemainder(BigInteger.valueOf(1000));
        boolean amountPastALong = parts.stream().anyMatch(part -> part.amount().bitLength() > 63);
        if (millis.signum() == 0 || seconds[0].bitLength() > 63 || amountPastALong) {
            assertThrows(InvalidConfigurationException.class, () -> ConfigValues.prometheusDuration("HISTORY_WINDOW", value), value);
        } else {
            assertEquals(Duration.ofSeconds(seconds[0].longValueExact()).plusMillis(seconds[1].longValueExact()),
                    ConfigValues.prometheusDuration("HISTORY_WINDOW", value), value);
        }
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    @Provide
    Arbitrary<List<Part>> parts() {
        Arbitrary<BigInteger> amounts = Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(100_000)),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(Long.MAX_VALUE)),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(30)));
        return Combinators.combine(amounts, Arbitraries.of(UNIT_MILLIS.keySet())).as(Part::new).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> durationLikeTexts() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.strings().numeric().ofMaxLength(25),
                Arbitraries.of("ms", "s", "m", "h", "d", "w", "y", ".", "-", "+", " ", "\t", "\u0000", "\u202e", "٣", ""),
                Arbitraries.strings().ofMaxLength(3));
        return Arbitraries.oneOf(piece.list().ofMaxSize(8).map(pieces -> String.join("", pieces)),
                Arbitraries.strings(), Arbitraries.just(null));
    }
}
