package dev.servicemetrics.live;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Caps the bytes being written to all clients at once. The container encodes every message once per
 * client and keeps it until the socket takes it, so 10,000 clients subscribing together (each owed a
 * history of tens of KB) would otherwise hold hundreds of MB at once. Over the cap a client's next message
 * waits its turn; the steady state of one update per cycle stays well under it, on a lock-free path.
 */
final class SendBudget {

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
        long room = Math.max(1, limit - used.get());
        java.util.List<Runnable> ready = new java.util.ArrayList<>();
        for (Runnable retry; room > 0 && (retry = waiting.poll()) != null; room -= 4096) {
            ready.add(retry);
        }
        if (!ready.isEmpty()) {
            try {
                wakeups.execute(() -> ready.forEach(Runnable::run));
            } catch (java.util.concurrent.RejectedExecutionException busy) {
                ready.forEach(Runnable::run); // never lose a waiter: its client would stall for good
            }
        }
    }

    long used() {
        return used.get();
    }
}
