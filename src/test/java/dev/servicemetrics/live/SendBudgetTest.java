package dev.servicemetrics.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SendBudgetTest {

    @Test
    void overTheCapAWriterWaitsUntilOthersRelease() {
        SendBudget budget = new SendBudget(100, Runnable::run);
        List<String> retried = new ArrayList<>();
        assertTrue(budget.take(60, () -> retried.add("a")));
        assertTrue(budget.take(40, () -> retried.add("b")));
        assertFalse(budget.take(10, () -> retried.add("c")));
        assertEquals(List.of(), retried);
        budget.release(60);
        assertEquals(List.of("c"), retried);
        assertEquals(40, budget.used());
    }

    @Test
    void aMessageLargerThanTheCapStillGoesAlone() {
        SendBudget budget = new SendBudget(100, Runnable::run);
        assertTrue(budget.take(500, () -> { }));
        assertFalse(budget.take(1, () -> { }));
        budget.release(500);
        assertEquals(0, budget.used());
    }

    /** A woken waiter whose client closed meanwhile takes nothing and so never releases: the next one must not wait for it. */
    @Test
    void aWaiterThatTakesNothingWhenWokenDoesNotStrandTheOnesBehindIt() {
        SendBudget budget = new SendBudget(100, Runnable::run);
        List<String> retried = new ArrayList<>();
        assertTrue(budget.take(100, () -> { }));
        assertFalse(budget.take(10, () -> retried.add("closed meanwhile")));
        assertFalse(budget.take(10, () -> {
            retried.add("second");
            assertTrue(budget.take(10, () -> retried.add("second again")));
        }));
        budget.release(100);
        assertEquals(List.of("closed meanwhile", "second"), retried);
        assertEquals(10, budget.used());
    }

    @Test
    void aRetryThatThrowsDoesNotLoseTheOthers() {
        SendBudget budget = new SendBudget(100, Runnable::run);
        List<String> retried = new ArrayList<>();
        assertTrue(budget.take(100, () -> { }));
        assertFalse(budget.take(10, () -> {
            throw new IllegalStateException("a broken client");
        }));
        assertFalse(budget.take(10, () -> retried.add("next")));
        budget.release(100);
        assertEquals(List.of("next"), retried);
    }

    @Test
    void aBusyExecutorRunsTheRetriesOnTheReleasingThread() {
        SendBudget budget = new SendBudget(100, task -> {
            throw new RejectedExecutionException("saturated");
        });
        List<String> retried = new ArrayList<>();
        assertTrue(budget.take(100, () -> { }));
        assertFalse(budget.take(10, () -> retried.add("waiter")));
        budget.release(100);
        assertEquals(List.of("waiter"), retried);
    }

    /**
     * Writers on several threads contend for a budget that holds one message at a time; every write that had
     * to wait is retried until it went through. A lost waiter shows as a latch that never reaches zero.
     */
    @Test
    void underContentionEveryWaiterIsEventuallyServed() throws Exception {
        int writers = 4;
        int writesEach = 500;
        ExecutorService wakeups = Executors.newFixedThreadPool(2);
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        try {
            SendBudget budget = new SendBudget(100, wakeups);
            CountDownLatch written = new CountDownLatch(writers * writesEach);
            AtomicInteger waited = new AtomicInteger();
            CyclicBarrier start = new CyclicBarrier(writers);
            for (int w = 0; w < writers; w++) {
                threads.execute(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    new Writer(budget, writesEach, written, waited).write();
                });
            }
            assertTrue(written.await(60, TimeUnit.SECONDS),
                    written.getCount() + " writes never went through (" + waited.get() + " had to wait)");
            assertEquals(0, budget.used());
        } finally {
            threads.shutdownNow();
            wakeups.shutdownNow();
        }
    }

    /** One client's writes, one after the other: when one has to wait, its retry carries on with the rest. */
    private static final class Writer {
        private final SendBudget budget;
        private final CountDownLatch written;
        private final AtomicInteger waited;
        private int remaining; // one thread at a time: the budget's queue hands the writer over

        Writer(SendBudget budget, int writes, CountDownLatch written, AtomicInteger waited) {
            this.budget = budget;
            this.remaining = writes;
            this.written = written;
            this.waited = waited;
        }

        void write() {
            while (remaining > 0) {
                if (!budget.take(60, this::write)) {
                    waited.incrementAndGet();
                    return;
                }
                remaining--;
                budget.release(60);
                written.countDown();
            }
        }
    }
}
