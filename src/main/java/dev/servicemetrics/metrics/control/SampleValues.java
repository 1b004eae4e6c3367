package dev.servicemetrics.metrics.control;

import java.math.BigDecimal;

/**
 * Sample values as Prometheus writes them: plain decimals ("256000000", "0.15"), "NaN", "+Inf", "-Inf".
 * The exposition and the {@code le} labels use the same spelling, so the seed's sample comes out unchanged.
 */
public final class SampleValues {

    private SampleValues() {
    }

    public static double parse(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-6 && magnitude < 1e21) {
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
        return Double.toString(value);
    }
}
