package dev.servicemetrics.mock;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.InstalledTool;
import org.junit.jupiter.api.Test;

/** The mock exporter's exposition as the real promtool reads it. */
class ExpositionIT {

    @Test
    void outputPassesPromtoolCheckMetricsThroughoutTheTimeline() {
        MockMetrics metrics = new MockMetrics(42);
        for (long second : new long[] {0, 1, 200, 3600, 86_400}) {
            InstalledTool.Result check = InstalledTool.PROMTOOL.run(Exposition.of(metrics.at(second)), "check", "metrics");
            assertTrue(check.succeeded(), "promtool check metrics at " + second + " s:\n" + check.output());
        }
    }
}
