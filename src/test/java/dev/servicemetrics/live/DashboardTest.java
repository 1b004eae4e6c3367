package dev.servicemetrics.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DashboardTest {

    private final CountingLiveMetrics metrics = new CountingLiveMetrics();

    @Test
    void oneMessageIsInFlightAndTheOthersFollowInOrder() {
        FakeSession session = new FakeSession("a");
        Dashboard dashboard = new Dashboard(session, null, Instant.now(), Dashboard.MAX_COMMANDS, Dashboard.Kind.CHANNELS, metrics, new SendBudget(1 << 20, Runnable::run), (d, r) -> { });
        dashboard.offer("1");
        dashboard.offer("2");
        dashboard.offer("3");
        assertEquals(List.of("1"), session.sent());
        session.completeAll();
        assertEquals(List.of("1", "2", "3"), session.sent());
        assertEquals(3, metrics.sent.get());
    }

    @Test
    void aFullBacklogClosesTheClientWith1013AndDropsWhatWaited() {
        FakeSession session = new FakeSession("slow");
        List<CloseReason> closed = new CopyOnWriteArrayList<>();
        Dashboard dashboard = new Dashboard(session, null, Instant.now(), Dashboard.MAX_COMMANDS, Dashboard.Kind.CHANNELS, metrics, new SendBudget(1 << 20, Runnable::run),
                (d, reason) -> closed.add(reason));
        IntStream.rangeClosed(0, Dashboard.BACKLOG + 1).forEach(i -> dashboard.offer("m" + i));
        assertEquals(1, closed.size());
        assertEquals(CloseReason.CloseCodes.TRY_AGAIN_LATER, closed.get(0).getCloseCode());
        assertTrue(dashboard.closed());
        assertEquals(Dashboard.BACKLOG + 1, metrics.dropped.get(), "the backlog and the message that did not fit");
        assertEquals(1, metrics.slowClosed.get());
        dashboard.offer("after");
        session.completeAll();
        assertEquals(List.of("m0"), session.sent(), "nothing more is written to a closed client");
        assertEquals(1, closed.size());
    }

    /**
     * A write the container reports as failed loses that message and, since nothing more would be written,
     * every later one: the client is closed (1011) and counted, not kept open without updates.
     */
    @Test
    void aFailedWriteClosesTheClientWith1011AndCountsWhatItLost() {
        FakeSession session = new FakeSession("failing");
        List<CloseReason> closed = new CopyOnWriteArrayList<>();
        Dashboard dashboard = new Dashboard(session, null, Instant.now(), Dashboard.MAX_COMMANDS, Dashboard.Kind.CHANNELS, metrics,
                new SendBudget(1 << 20, Runnable::run), (d, reason) -> closed.add(reason));
        dashboard.offer("1");
        dashboard.offer("2");
        session.fail(new java.io.IOException("Broken pipe"));

        assertEquals(List.of(CloseReason.CloseCodes.UNEXPECTED_CONDITION), closed.stream().map(CloseReason::getCloseCode).toList());
        assertTrue(dashboard.closed());
        assertEquals(1, metrics.writeFailedClosed.get());
        assertEquals(2, metrics.dropped.get(), "the message that failed and the one waiting");
        dashboard.offer("3");
        assertEquals(List.of("1"), session.sent());
        assertEquals(1, closed.size());
    }

    @Test
    void aFailedWriteGivesItsBudgetBack() {
        SendBudget budget = new SendBudget(1 << 20, Runnable::run);
        FakeSession session = new FakeSession("failing");
        Dashboard dashboard = new Dashboard(session, null, Instant.now(), Dashboard.MAX_COMMANDS, Dashboard.Kind.CHANNELS, metrics, budget, (d, r) -> { });
        dashboard.offer("twelve bytes");
        assertEquals(12, budget.used());
        session.fail(new java.io.IOException("Broken pipe"));
        assertEquals(0, budget.used());
    }

    @Test
    void theCloserRunsWithoutTheClientsLock() throws Exception {
        FakeSession session = new FakeSession("slow");
        AtomicBoolean lockHeld = new AtomicBoolean(true);
        CountDownLatch otherThreadGotTheLock = new CountDownLatch(1);
        Dashboard dashboard = new Dashboard(session, null, Instant.now(), Dashboard.MAX_COMMANDS, Dashboard.Kind.CHANNELS, metrics, new SendBudget(1 << 20, Runnable::run),
                (d, reason) -> {
                    lockHeld.set(Thread.holdsLock(d));
                    // what the registry's close may wait for: another thread that needs this client's lock
                    Thread other = new Thread(() -> {
                        d.subscribed(Channel.METRICS);
                        otherThreadGotTheLock.countDown();
                    });
                    other.start();
                    try {
                        otherThreadGotTheLock.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        IntStream.rangeClosed(0, Dashboard.BACKLOG + 1).forEach(i -> dashboard.offer("m" + i));
        assertFalse(lockHeld.get(), "the closer ran under the client's lock");
        assertEquals(0, otherThreadGotTheLock.getCount(), "another thread could not take the client's lock while the closer ran");
    }

    @Test
    void anOverflowWhileSubscribingAlsoClosesOutsideTheLock() {
        FakeSession session = new FakeSession("slow");
        AtomicBoolean lockHeld = new AtomicBoolean(true);
        Dashboard dashboard = new Dashboard(session, null, Instant.now(), Dashboard.MAX_COMMANDS, Dashboard.Kind.CHANNELS, metrics, new SendBudget(1 << 20, Runnable::run),
                (d, reason) -> lockHeld.set(Thread.holdsLock(d)));
        IntStream.range(0, Dashboard.BACKLOG + 1).forEach(i -> dashboard.offer("m" + i));
        dashboard.subscribe(Channel.METRICS, Instant.now(), "snapshot", "history");
        assertTrue(dashboard.closed());
        assertFalse(lockHeld.get(), "the closer ran under the client's lock");
    }

    /**
     * A container may complete a write on the sending thread; the released budget then wakes another client's
     * write on the same thread. With a client's lock held there, two clients doing this to each other deadlock.
     */
    @Test
    void aWriteCompletedInlineWakesOtherClientsWithoutHoldingAnyClientsLock() {
        SendBudget budget = new SendBudget(10, Runnable::run);
        List<Dashboard> all = new CopyOnWriteArrayList<>();
        List<String> locksHeldAtSend = new CopyOnWriteArrayList<>();
        FakeSession waiterSession = new FakeSession("waiter").onSend(text ->
                all.stream().filter(Thread::holdsLock).forEach(d -> locksHeldAtSend.add(d.session().getId())));
        Dashboard waiter = new Dashboard(waiterSession, null, Instant.now(), Dashboard.MAX_COMMANDS, Dashboard.Kind.CHANNELS, metrics, budget, (d, r) -> { });
        // the first client's write: while it is being written, another client's write has to wait for the budget
        FakeSession firstSession = new FakeSession("first").completingInline().onSend(text -> {
            if (text.equals("snapshot-of-ten")) {
                waiter.offer("queued");
            }
        });
        Dashboard first = new Dashboard(firstSession, null, Instant.now(), Dashboard.MAX_COMMANDS, Dashboard.Kind.CHANNELS, metrics, budget, (d, r) -> { });
        all.add(first);
        all.add(waiter);

        first.subscribe(Channel.METRICS, Instant.now(), "snapshot-of-ten");

        assertEquals(List.of("queued"), waiterSession.sent(), "the waiting client was woken when the budget came back");
        assertEquals(List.of(), locksHeldAtSend);
    }
}
