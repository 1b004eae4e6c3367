package dev.servicemetrics.metrics.boundary;

import dev.servicemetrics.config.ServiceConfiguration;
import dev.servicemetrics.metrics.control.HistoryBook;
import dev.servicemetrics.metrics.control.PrometheusFailure;
import dev.servicemetrics.metrics.control.QueryList;
import dev.servicemetrics.metrics.control.ScrapeCycle;
import dev.servicemetrics.metrics.control.ScrapeMetrics;
import dev.servicemetrics.metrics.entity.CycleFailed;
import dev.servicemetrics.metrics.entity.FailureReason;
import dev.servicemetrics.metrics.entity.Snapshot;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The scrape timer. A programmatic interval timer, because {@code @Schedule} cannot take its period from
 * SCRAPE_INTERVAL; non-persistent, because a missed cycle is simply skipped, never replayed. Each tick
 * hands the cycle to a bounded managed executor and returns, so a tick that comes while a cycle still runs
 * is a counted skip, never an overlap, whatever the container's timer does with long callbacks.
 * The cycle's calls to Prometheus run on a pool of its own, made once from the container's managed thread
 * factory: a managed executor captures and restores the container's context for every task it is given
 * (Payara's context capture looks up the thread-context providers with a ServiceLoader across the class
 * path each time), which for a dozen short calls per cycle was a measurable share of the cycle's CPU
 * (BENCHMARKS.md, "Scrape cycle overhead"). The pool's threads carry the application's context from their
 * creation on.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@ManagedExecutorDefinition(name = ScrapeSchedule.EXECUTOR, maxAsync = ScrapeSchedule.CONCURRENT_CALLS + 1)
public class ScrapeSchedule {

    static final String EXECUTOR = "java:app/concurrent/ScrapeExecutor";
    /** Calls to Prometheus in flight at once (the calls pool); the cycle itself runs on the executor, which has one thread more. */
    static final int CONCURRENT_CALLS = 4;
    private static final Logger LOG = Logger.getLogger(ScrapeSchedule.class.getName());

    @Resource
    TimerService timers;

    @Resource(lookup = EXECUTOR)
    ManagedExecutorService executor;

    @Resource
    ManagedThreadFactory threadFactory;

    private ExecutorService calls;

    @Inject
    ServiceConfiguration configuration;

    @Inject
    QueryList queries;

    @Inject
    ScrapeCycle cycle;

    @Inject
    HistoryBook history;

    @Inject
    ScrapeMetrics metrics;

    @Inject
    Event<Snapshot> snapshots;

    @Inject
    Event<CycleFailed> failures;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean lastCycleFailed;

    @PostConstruct
    void start() {
        queries.entries(); // a bad METRICS_QUERIES stops the start here, not at the first tick
        ThreadPoolExecutor pool = new ThreadPoolExecutor(CONCURRENT_CALLS, CONCURRENT_CALLS, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), threadFactory);
        pool.allowCoreThreadTimeOut(true); // long intervals keep no idle threads
        calls = pool;
        long interval = configuration.scrapeInterval().toMillis();
        timers.createIntervalTimer(200, interval, new TimerConfig("scrape-cycle", false));
        LOG.info(() -> "Scrape cycle every " + configuration.scrapeInterval().toSeconds() + " s against " + configuration.prometheusUrl());
    }

    @PreDestroy
    void stop() {
        if (calls != null) {
            calls.shutdownNow();
        }
    }

    @Timeout
    void tick() {
        if (!running.compareAndSet(false, true)) {
            metrics.cycleSkipped();
            LOG.warning("Scrape tick skipped: the previous cycle is still running");
            return;
        }
        try {
            executor.execute(this::runCycle);
        } catch (RejectedExecutionException rejected) {
            running.set(false);
            metrics.cycleSkipped();
            LOG.warning("Scrape tick skipped: the executor refused the cycle");
        }
    }

    private void runCycle() {
        Instant now = Instant.now();
        long started = System.nanoTime();
        try {
            Snapshot snapshot = cycle.run(calls, now, deadline());
            metrics.cycleSucceeded(now, snapshot.cycleDuration(), snapshot.series().size(), !snapshot.failures().isEmpty());
            if (lastCycleFailed) {
                LOG.info("Scrape cycle succeeded again");
                lastCycleFailed = false;
            }
            snapshots.fireAsync(snapshot).exceptionally(observerFailed("snapshot"));
        } catch (PrometheusFailure failure) {
            failed(now, started, failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException unexpected) {
            LOG.log(Level.SEVERE, "Scrape cycle failed unexpectedly", unexpected);
            failed(now, started, new PrometheusFailure("cycle", FailureReason.MALFORMED,
                    unexpected.getClass().getSimpleName() + ": " + unexpected.getMessage()));
        } finally {
            running.set(false);
        }
    }

    private void failed(Instant now, long started, PrometheusFailure failure) {
        metrics.failed(failure.reason());
        metrics.cycleFailed(Duration.ofNanos(System.nanoTime() - started));
        history.invalidate();
        if (!lastCycleFailed) {
            LOG.warning("Scrape cycle failed, the snapshot is stale until Prometheus answers: " + failure.getMessage());
            lastCycleFailed = true;
        }
        failures.fireAsync(new CycleFailed(now, failure.reason(), failure.query() + ": " + failure.detail()))
                .exceptionally(observerFailed("cycle failure"));
    }

    /** A cycle must end before the next tick: 90 % of the interval. */
    private Duration deadline() {
        return Duration.ofMillis(configuration.scrapeInterval().toMillis() * 9 / 10);
    }

    private static <T> Function<Throwable, T> observerFailed(String what) {
        return thrown -> {
            LOG.log(Level.WARNING, "An observer of the " + what + " event failed", thrown);
            return null;
        };
    }
}
