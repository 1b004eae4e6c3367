package dev.servicemetrics.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.config.ServiceConfiguration;
import dev.servicemetrics.metrics.entity.CycleFailed;
import dev.servicemetrics.metrics.entity.FailureReason;
import dev.servicemetrics.metrics.entity.Snapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/** The store's rules, on a clock the test sets: which snapshot and failure are latest, and when it is stale. */
class SnapshotStoreTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Instant T = Instant.parse("2026-02-09T10:00:00Z");

    private final SnapshotStore store = store();

    @Test
    void anEmptyStoreIsStaleAndNoCycleHasEnded() {
        assertTrue(store.stale());
        assertFalse(store.anyCycleEnded());
        assertEquals(Optional.empty(), store.latest());
        assertEquals(Optional.empty(), store.lastFailure());
    }

    @Test
    void aFailedFirstCycleHasEndedButLeavesTheStoreStale() {
        store.accept(failure(T));
        now(T);

        assertTrue(store.anyCycleEnded());
        assertTrue(store.stale(), "no snapshot yet");
    }

    @Test
    void aSnapshotMakesItFresh() {
        Snapshot snapshot = snapshot(T);
        store.accept(snapshot);
        now(T);

        assertFalse(store.stale());
        assertTrue(store.anyCycleEnded());
        assertEquals(Optional.of(snapshot), store.latest());
    }

    @Test
    void anOlderSnapshotArrivingLaterDoesNotReplaceTheNewer() {
        Snapshot newer = snapshot(T.plusSeconds(10));
        store.accept(newer);
        store.accept(snapshot(T));

        assertEquals(Optional.of(newer), store.latest());
    }

    @Test
    void aFailureAfterTheSnapshotMakesItStale() {
        store.accept(snapshot(T));
        store.accept(failure(T.plusSeconds(1)));
        now(T.plusSeconds(1));

        assertTrue(store.stale());
    }

    @Test
    void aFailureBeforeTheSnapshotDoesNotMakeItStale() {
        store.accept(failure(T.minusSeconds(1)));
        store.accept(snapshot(T));
        now(T);

        assertFalse(store.stale());
    }

    @Test
    void aNewerSnapshotAfterAFailureMakesItFreshAgain() {
        store.accept(snapshot(T));
        store.accept(failure(T.plusSeconds(10)));
        store.accept(snapshot(T.plusSeconds(20)));
        now(T.plusSeconds(20));

        assertFalse(store.stale());
    }

    @Test
    void anOlderFailureArrivingLaterDoesNotHideTheNewerOne() {
        store.accept(snapshot(T.plusSeconds(10)));
        CycleFailed newer = failure(T.plusSeconds(20));
        store.accept(newer);
        store.accept(failure(T.plusSeconds(5)));
        now(T.plusSeconds(20));

        assertEquals(Optional.of(newer), store.lastFailure());
        assertTrue(store.stale(), "the newer failure came after the snapshot");
    }

    @Test
    void aSnapshotExactlyTwoIntervalsOldIsNotStale() {
        store.accept(snapshot(T));
        now(T.plus(INTERVAL.multipliedBy(2)));

        assertFalse(store.stale());
    }

    @Test
    void aSnapshotOlderThanTwoIntervalsIsStale() {
        store.accept(snapshot(T));
        now(T.plus(INTERVAL.multipliedBy(2)).plusMillis(1));

        assertTrue(store.stale());
    }

    @Test
    void concurrentSnapshotsInAnyOrderEndWithTheNewest() throws Exception {
        int threads = 4;
        int perThread = 2_000;
        // a lost update needs two accepts interleaved at the newest one's write: many short rounds make that likely
        int rounds = 500;
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int round = 0; round < rounds; round++) {
            SnapshotStore shared = store();
            List<Snapshot> all = new ArrayList<>();
            for (int i = 0; i < threads * perThread; i++) {
                all.add(snapshot(T.plusMillis(i)));
            }
            Snapshot newest = all.get(all.size() - 1);
            Collections.shuffle(all, random);

            CyclicBarrier start = new CyclicBarrier(threads);
            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<Thread> started = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                // each thread's own snapshots in time order, as cycles produce them: most accepts replace the latest
                List<Snapshot> mine = new ArrayList<>(all.subList(t * perThread, (t + 1) * perThread));
                mine.sort(Comparator.comparing(Snapshot::timestamp));
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                        mine.forEach(shared::accept);
                    } catch (Throwable failed) {
                        failures.add(failed);
                    }
                });
                thread.start();
                started.add(thread);
            }
            for (Thread thread : started) {
                thread.join();
            }

            assertEquals(List.of(), List.copyOf(failures));
            assertEquals(Optional.of(newest), shared.latest(), "round " + round + ", seed " + seed);
        }
    }

    private void now(Instant now) {
        store.clock = Clock.fixed(now, ZoneOffset.UTC);
    }

    private static SnapshotStore store() {
        SnapshotStore store = new SnapshotStore();
        // ServiceConfiguration reads MicroProfile Config in a package of its own: only a subclass is built without a container
        store.configuration = new ServiceConfiguration() {
            @Override
            public Duration scrapeInterval() {
                return INTERVAL;
            }
        };
        return store;
    }

    private static Snapshot snapshot(Instant timestamp) {
        return new Snapshot(timestamp, Duration.ofMillis(50), List.of(), List.of(), List.of());
    }

    private static CycleFailed failure(Instant at) {
        return new CycleFailed(at, FailureReason.UNREACHABLE, "connection refused");
    }
}
