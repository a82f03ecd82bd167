package dev.tributary.scheduler.sweep;

import dev.tributary.scheduler.SchedulerProperties;
import dev.tributary.scheduler.dispatch.DispatchPublisher;
import dev.tributary.scheduler.dispatch.Dispatcher;
import dev.tributary.store.dispatch.ExpiredDispatches;
import dev.tributary.store.dispatch.ExpiredDispatches.Expired;
import dev.tributary.store.dispatch.ReadyBacklog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One sweep, bounded per kind of work: dispatches whose deadline passed are reported failed (the
 * processor retries or fails them), retries whose backoff passed are dispatched, and ready steps no
 * signal reached are dispatched. Signals are a latency optimisation; this is the guarantee. Every
 * claim skips rows other replicas hold, so any number of schedulers sweep together.
 */
@Component
public class Sweeper {

  private static final Logger log = LoggerFactory.getLogger(Sweeper.class);

  private final Dispatcher dispatcher;
  private final DispatchPublisher publisher;
  private final ExpiredDispatches expired;
  private final ReadyBacklog backlog;
  private final TransactionTemplate transactions;
  private final SchedulerProperties properties;
  private final Clock clock;
  private final Timer duration;
  private final Counter failures;
  private final AtomicInteger readyBacklog = new AtomicInteger();
  private volatile Instant lastSucceeded;

  Sweeper(
      Dispatcher dispatcher,
      DispatchPublisher publisher,
      ExpiredDispatches expired,
      ReadyBacklog backlog,
      TransactionTemplate transactions,
      SchedulerProperties properties,
      MeterRegistry meters,
      Clock clock) {
    this.dispatcher = dispatcher;
    this.publisher = publisher;
    this.expired = expired;
    this.backlog = backlog;
    this.transactions = transactions;
    this.properties = properties;
    this.clock = clock;
    this.duration = meters.timer("tributary.scheduler.sweep.duration");
    this.failures = meters.counter("tributary.scheduler.sweep.failures");
    meters.gauge("tributary.scheduler.ready.backlog", readyBacklog);
    this.lastSucceeded = clock.instant();
    // Failures count sweeps that threw; a sweep stuck on a lock or a dead connection throws
    // nothing for a long time, and shows here.
    Gauge.builder("tributary.scheduler.sweep.staleness", this, Sweeper::staleness)
        .description(
            "Seconds since the last sweep that succeeded (since start-up before the first)")
        .baseUnit("seconds")
        .register(meters);
  }

  private double staleness() {
    return Math.max(0, Duration.between(lastSucceeded, clock.instant()).toMillis() / 1000.0);
  }

  /** Runs one sweep; logs and counts a failure instead of throwing, so the loop keeps going. */
  public Result sweep() {
    long started = System.nanoTime();
    try {
      int reported = reportExpired();
      int retried = dispatcher.dispatchRetriesDue(properties.sweepLimit());
      int ready = dispatcher.dispatchReadyAnywhere(properties.sweepLimit());
      readyBacklog.set(backlog.count());
      lastSucceeded = clock.instant();
      if (reported + retried + ready > 0) {
        log.debug(
            "Sweep: {} expired, {} retries, {} ready steps no signal reached",
            reported,
            retried,
            ready);
      }
      return new Result(reported, retried, ready);
    } catch (RuntimeException e) {
      failures.increment();
      log.warn(
          "Sweep failed; the next one runs in {}: {}", properties.sweepInterval(), e.toString());
      return new Result(0, 0, 0);
    } finally {
      duration.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Takes expired dispatches (pushing their deadlines back by the grace period) and commits, then
   * reports them: no row lock is held while waiting for the broker. A report that is lost is made
   * again when the grace period passes.
   */
  private int reportExpired() {
    List<Expired> taken =
        transactions.execute(
            status ->
                expired.take(properties.sweepLimit(), properties.expiryGrace(), clock.instant()));
    if (!taken.isEmpty()) {
      publisher.reportExpired(taken);
    }
    return taken.size();
  }

  /** What one sweep did. */
  public record Result(int expiredReported, int retriesDispatched, int readyDispatched) {}
}
