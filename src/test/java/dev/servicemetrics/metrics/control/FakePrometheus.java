package dev.servicemetrics.metrics.control;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * Prometheus' HTTP API without Prometheus: each PromQL gets the answer the test gave it. A query can also
 * hang until the test releases it, or until its thread is interrupted (which {@link #interrupted} counts).
 */
final class FakePrometheus implements PrometheusClient {

    private final Map<String, Supplier<Response>> answers = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    final CountDownLatch interrupted = new CountDownLatch(1);
    private volatile Supplier<Response> metadata = () -> new FakeResponse(200, SeedAnswers.METADATA);
    private volatile Supplier<Response> range = () -> new FakeResponse(200,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");

    FakePrometheus answer(String promql, int status, String body) {
        answers.put(promql, () -> new FakeResponse(status, body));
        return this;
    }

    FakePrometheus hang(String promql) {
        answers.put(promql, () -> {
            try {
                released.await();
            } catch (InterruptedException cancelled) {
                interrupted.countDown();
                Thread.currentThread().interrupt();
            }
            return new FakeResponse(200, SeedAnswers.vector());
        });
        return this;
    }

    /** Every call fails as a REST client's does when nothing listens on the port. */
    FakePrometheus refuseConnections() {
        Supplier<Response> refused = () -> {
            throw new ProcessingException(new ConnectException("Connection refused"));
        };
        answers.clear();
        metadata = refused;
        range = refused;
        answers.put("*", refused);
        return this;
    }

    /** Lets hanging queries answer (a test's clean-up). */
    void release() {
        released.countDown();
    }

    @Override
    public Response query(String query, String timeout) {
        Supplier<Response> answer = answers.getOrDefault(query, answers.get("*"));
        if (answer == null) {
            throw new AssertionError("the test gave no answer for " + query);
        }
        return answer.get();
    }

    @Override
    public Response queryRange(String query, String start, String end, String step, String timeout) {
        return range.get();
    }

    @Override
    public Response metadata() {
        return metadata.get();
    }

    @Override
    public Response ready() {
        return new FakeResponse(200, "Prometheus Server is Ready.");
    }
}
