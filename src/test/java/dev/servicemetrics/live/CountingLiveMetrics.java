package dev.servicemetrics.live;

import java.util.concurrent.atomic.AtomicInteger;

/** LiveMetrics without a MetricRegistry: the counts a unit test asserts on. */
final class CountingLiveMetrics extends LiveMetrics {

    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger dropped = new AtomicInteger();
    final AtomicInteger slowClosed = new AtomicInteger();
    final AtomicInteger writeFailedClosed = new AtomicInteger();

    @Override
    void opened(Dashboard.Kind kind) {
        open.incrementAndGet();
    }

    @Override
    void closed(Dashboard.Kind kind) {
        open.decrementAndGet();
    }

    @Override
    void sent() {
        sent.incrementAndGet();
    }

    @Override
    void dropped(int messages) {
        dropped.addAndGet(messages);
    }

    @Override
    void slowClientClosed() {
        slowClosed.incrementAndGet();
    }

    @Override
    void writeFailedClosed() {
        writeFailedClosed.incrementAndGet();
    }

    @Override
    void unansweredClientClosed() {
    }
}
