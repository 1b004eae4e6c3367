package dev.servicemetrics.metrics.control;

import static dev.servicemetrics.testsupport.InstalledTool.assertPromtoolClean;

import org.junit.jupiter.api.Test;

/** What ExpositionWriter writes, as the real promtool reads it. */
class ExpositionWriterIT {

    @Test
    void seedSamplePassesPromtool() {
        assertPromtoolClean(ExpositionWriter.write(SeedAnswers.snapshot()));
    }

    @Test
    void severalTargetsSpecialValuesAndEscapesStayPromtoolClean() {
        assertPromtoolClean(ExpositionWriter.write(SeedAnswers.snapshot("\"job\":\"mock-metrics\",\"instance\":\"b:8081\""))
                + ExpositionWriter.write(ExpositionWriterTest.oddValues()));
    }
}
