package dev.servicemetrics.metrics.boundary;

import dev.servicemetrics.metrics.entity.CycleFailed;
import dev.servicemetrics.metrics.entity.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Part of the in-container tests' deployment: what the scrape schedule announced, in order of arrival. */
@ApplicationScoped
public class ScrapeEvents {

    private final BlockingQueue<Snapshot> snapshots = new LinkedBlockingQueue<>();
    private final BlockingQueue<CycleFailed> failures = new LinkedBlockingQueue<>();

    void onSnapshot(@ObservesAsync Snapshot snapshot) {
        snapshots.add(snapshot);
    }

    void onCycleFailed(@ObservesAsync CycleFailed failure) {
        failures.add(failure);
    }

    /** The first snapshot from now on that matches, or empty when none came within the bound. */
    public Optional<Snapshot> snapshot(Predicate<Snapshot> matching, Duration bound) throws InterruptedException {
        return next(snapshots, matching, bound);
    }

    /** The first cycle failure from now on that matches, or empty when none came within the bound. */
    public Optional<CycleFailed> failure(Predicate<CycleFailed> matching, Duration bound) throws InterruptedException {
        return next(failures, matching, bound);
    }

    /** A zero bound takes only what already arrived. */
    private static <T> Optional<T> next(BlockingQueue<T> queue, Predicate<T> matching, Duration bound) throws InterruptedException {
        long end = System.nanoTime() + bound.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            T event = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
            if (event == null) {
                return Optional.empty();
            }
            if (matching.test(event)) {
                return Optional.of(event);
            }
        }
    }
}
