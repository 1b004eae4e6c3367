package dev.servicemetrics.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SampleValuesTest {

    @Test
    void formatsLikePrometheusAndTheSeed() {
        assertEquals("0.15", SampleValues.format(0.15));
        assertEquals("256000000", SampleValues.format(256_000_000d));
        assertEquals("75.5", SampleValues.format(75.5));
        assertEquals("150", SampleValues.format(150d));
        assertEquals("1", SampleValues.format(1d));
        assertEquals("0", SampleValues.format(-0d));
        assertEquals("+Inf", SampleValues.format(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", SampleValues.format(Double.NEGATIVE_INFINITY));
        assertEquals("NaN", SampleValues.format(Double.NaN));
        assertEquals("1.0E-9", SampleValues.format(1e-9));
    }

    @Test
    void parsesPrometheusSpecialValues() {
        assertTrue(Double.isNaN(SampleValues.parse("NaN")));
        assertEquals(Double.POSITIVE_INFINITY, SampleValues.parse("+Inf"));
        assertEquals(Double.NEGATIVE_INFINITY, SampleValues.parse("-Inf"));
        assertEquals(0.005, SampleValues.parse("0.005"));
    }
}
