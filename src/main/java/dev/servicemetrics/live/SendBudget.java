package dev.servicemetrics.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Caps the bytes being written to all clients at once. The container encodes every message once per
 * client and keeps it until the socket takes it, so 10,000 clients subscribing together (each owed a
 * history of tens of KB) would otherwise hold hundreds of MB at once. Over the cap a client's next message
 * waits its turn; the steady state of one update per cycle stays well under it, on a lock-free path.
 */
final class SendBudget {

    private static final Logger LOG = Logger.getLogger(SendBudget.class.getName());

    private final long limit;
    private final Executor wakeups;
    private final AtomicLong used = new AtomicLong();
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    /** {@code wakeups} runs the retries: not on the releasing thread, which may be deep in a write callback. */
    SendBudget(long limitBytes, Executor wakeups) {
        this.limit = limitBytes;
        this.wakeups = wakeups;
    }

    /** Takes {@code bytes} now, or queues {@code retry} to run when some are released. */
    boolean take(long bytes, Runnable retry) {
        if (tryTake(bytes)) {
            return true;
        }
        waiting.add(retry);
        if (used.get() == 0) {
            wake(); // everything was released while we queued: nobody else would wake us
        }
        return false;
    }

    private boolean tryTake(long bytes) {
        while (true) {
            long current = used.get();
            if (current != 0 && current + bytes > limit) {
                return false;
            }
            if (used.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        if (bytes == 0) {
            return;
        }
        used.addAndGet(-bytes);
        if (!waiting.isEmpty()) {
            wake();
        }
    }

    /** Retries a bounded number of waiters: each takes its share again, or queues itself anew. */
    private void wake() {
        List<Runnable> ready = next();
        if (ready.isEmpty()) {
            return;
        }
        Runnable retries = () -> retry(ready);
        try {
            wakeups.execute(retries);
        } catch (RejectedExecutionException busy) {
            retries.run(); // never lose a waiter: its client would stall for good
        }
    }

    private List<Runnable> next() {
        long room = Math.max(1, limit - used.get());
        List<Runnable> ready = new ArrayList<>();
        for (Runnable retry; room > 0 && (retry = waiting.poll()) != null; room -= 4096) {
            ready.add(retry);
        }
        return ready;
    }

    /**
     * A woken waiter whose client closed meanwhile takes nothing, so it will never release anything to wake
     * the ones behind it: while nothing is taken, the next ones are woken here.
     */
    private void retry(List<Runnable> ready) {
        for (List<Runnable> batch = ready; !batch.isEmpty(); batch = used.get() == 0 ? next() : List.of()) {
            for (Runnable retry : batch) {
                try {
                    retry.run();
                } catch (RuntimeException failed) {
                    LOG.log(Level.WARNING, "A delayed WebSocket write failed", failed);
                }
            }
        }
    }

    long used() {
        return used.get();
    }
}
