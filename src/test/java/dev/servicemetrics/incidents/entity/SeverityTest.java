package dev.servicemetrics.incidents.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeverityTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "critical|CRITICAL", "' Critical '|CRITICAL", "PAGE|CRITICAL", "emergency|CRITICAL",
        "warning|WARNING", "Warn|WARNING", "minor|WARNING",
        "info|INFO", "NONE|INFO", "' notice'|INFO",
        "sev1|WARNING", "''|WARNING"})
    void anAlertsSeverityLabelNamesItsLevel(String label, Severity expected) {
        assertEquals(expected, Severity.fromLabel(label));
    }

    @Test
    void anAlertWithoutTheLabelIsAWarning() {
        assertEquals(Severity.WARNING, Severity.fromLabel(null));
    }
}
