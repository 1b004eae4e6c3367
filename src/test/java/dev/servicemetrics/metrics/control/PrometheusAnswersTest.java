package dev.servicemetrics.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.metrics.control.PrometheusAnswers.InstantSample;
import dev.servicemetrics.metrics.control.PrometheusAnswers.RangeSeries;
import dev.servicemetrics.metrics.entity.FailureReason;
import dev.servicemetrics.metrics.entity.MetricType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bodies as Prometheus' HTTP API documents them. */
class PrometheusAnswersTest {

    @Test
    void instantVectorDropsTheNameLabelAndReadsSpecialValues() {
        List<InstantSample> samples = PrometheusAnswers.instant("q", 200, """
                {"status":"success","data":{"resultType":"vector","result":[
                 {"metric":{"__name__":"up","job":"mock-metrics","instance":"a:1"},"value":[1739097000.781,"1"]},
                 {"metric":{"job":"x"},"value":[1739097000.781,"NaN"]},
                 {"metric":{"job":"y"},"value":[1739097000.781,"+Inf"]}]}}""");
        assertEquals(Map.of("job", "mock-metrics", "instance", "a:1"), samples.get(0).labels());
        assertEquals(1.0, samples.get(0).value());
        assertTrue(Double.isNaN(samples.get(1).value()));
        assertEquals(Double.POSITIVE_INFINITY, samples.get(2).value());
    }

    @Test
    void scalarIsOneSampleWithoutLabels() {
        List<InstantSample> samples = PrometheusAnswers.instant("q", 200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1739097000,\"42\"]}}");
        assertEquals(List.of(new InstantSample(Map.of(), 42)), samples);
    }

    @Test
    void emptyResultIsNoSeriesNotAFailure() {
        assertEquals(List.of(), PrometheusAnswers.instant("q", 200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));
    }

    @Test
    void matrixKeepsMillisecondTimestamps() {
        List<RangeSeries> series = PrometheusAnswers.range("q", 200, """
                {"status":"success","data":{"resultType":"matrix","result":[
                 {"metric":{"job":"a"},"values":[[1739097000.5,"1"],[1739097010,"2.5"]]}]}}""");
        assertEquals(1739097000500L, series.get(0).points().get(0).epochMillis());
        assertEquals(2.5, series.get(0).points().get(1).value());
    }

    @Test
    void metadataGivesHelpAndType() {
        var metadata = PrometheusAnswers.metadata(200, """
                {"status":"success","data":{"memory_usage_bytes":[{"type":"gauge","help":"Current memory usage in bytes.","unit":""}]}}""");
        assertEquals(MetricType.GAUGE, metadata.get("memory_usage_bytes").type());
        assertEquals("Current memory usage in bytes.", metadata.get("memory_usage_bytes").help());
    }

    @Test
    void prometheusErrorBodyIsAQueryErrorNamingTheQuery() {
        PrometheusFailure failure = assertThrows(PrometheusFailure.class, () -> PrometheusAnswers.instant("http_requests:rate1m", 400,
                "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:6: parse error: unexpected end of input\"}"));
        assertEquals(FailureReason.QUERY_ERROR, failure.reason());
        assertEquals("http_requests:rate1m", failure.query());
        assertEquals("bad_data: 1:6: parse error: unexpected end of input", failure.detail());
    }

    @Test
    void otherBodiesAreHttpStatusOrMalformed() {
        assertEquals(FailureReason.HTTP_STATUS, assertThrows(PrometheusFailure.class,
                () -> PrometheusAnswers.instant("q", 500, "<html>oops</html>")).reason());
        assertEquals(FailureReason.MALFORMED, assertThrows(PrometheusFailure.class,
                () -> PrometheusAnswers.instant("q", 200, "{\"status\":\"succ")).reason());
        assertEquals(FailureReason.MALFORMED, assertThrows(PrometheusFailure.class,
                () -> PrometheusAnswers.instant("q", 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"value\":[1]}]}}")).reason());
        assertEquals(FailureReason.MALFORMED, assertThrows(PrometheusFailure.class,
                () -> PrometheusAnswers.instant("q", 200, "[]")).reason());
    }

    /** What a garbage-answering proxy sent (SlowPrometheusIT): no control character reaches the log or the health data. */
    @Test
    void upstreamTextIsOneLineWithoutControlCharacters() {
        PrometheusFailure garbage = assertThrows(PrometheusFailure.class,
                () -> PrometheusAnswers.instant("q", 200, "<html>\u0000\u00ff\u001b[31mred\r\nFAKE log line</html>"));
        assertEquals("not JSON: <html>\uFFFD\u00ff\uFFFD[31mred FAKE log line</html>", garbage.detail());
        PrometheusFailure error = assertThrows(PrometheusFailure.class, () -> PrometheusAnswers.instant("q", 422,
                "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"too many\\nsamples\\u0007\"}"));
        assertEquals("execution: too many samples\uFFFD", error.detail());
    }
}
