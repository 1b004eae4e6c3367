package dev.servicemetrics.testsupport;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * Things a test started, one after the other, that it stops in the reverse order: the service before the
 * Prometheus it queries, Prometheus before the exporter it scrapes. A start that throws leaves the ones
 * before it on the stack, so that {@link #close()} still stops them. Every close is tried; the first
 * failure is thrown with the others suppressed.
 */
public final class Stack implements AutoCloseable {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** Runs {@code starter} and remembers what it started for {@link #close()}. */
    public synchronized <T extends AutoCloseable> T start(Supplier<T> starter) {
        T component = starter.get();
        started.push(component);
        return component;
    }

    /** Closes the started components, the last one first; closing twice closes nothing twice. */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (failure == null) {
                    failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
