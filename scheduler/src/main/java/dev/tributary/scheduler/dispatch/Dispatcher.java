package dev.tributary.scheduler.dispatch;

import dev.tributary.scheduler.SchedulerProperties;
import dev.tributary.store.dispatch.ClaimedStep;
import dev.tributary.store.dispatch.ExpiredDispatches;
import dev.tributary.store.dispatch.ExpiredDispatches.Expired;
import dev.tributary.store.dispatch.StepClaims;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims steps, commits the claim, then sends their dispatches and waits for the broker. The claim
 * commits first so that a worker's result can never reach the processor before the attempt it
 * answers is visible. A dispatch the broker does not take is expired at once, so the next sweep
 * reports it failed and it is retried; a scheduler that dies between commit and send leaves its
 * claims to expire at their deadline, when the sweep does the same.
 */
@Component
public class Dispatcher {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final StepClaims claims;
  private final ExpiredDispatches expired;
  private final DispatchPublisher publisher;
  private final TransactionTemplate transactions;
  private final SchedulerProperties properties;
  private final MeterRegistry meters;
  private final Clock clock;

  Dispatcher(
      StepClaims claims,
      ExpiredDispatches expired,
      DispatchPublisher publisher,
      TransactionTemplate transactions,
      SchedulerProperties properties,
      MeterRegistry meters,
      Clock clock) {
    this.claims = claims;
    this.expired = expired;
    this.publisher = publisher;
    this.transactions = transactions;
    this.properties = properties;
    this.meters = meters;
    this.clock = clock;
  }

  /** Dispatches every ready step of these tasks; returns how many. */
  public int dispatchReady(Collection<UUID> taskIds) {
    return untilExhausted(
        "signal",
        limit ->
            claims.claimReady(taskIds, limit, properties.maxDependencyResults(), clock.instant()));
  }

  /** Dispatches ready steps of any task, up to {@code limit}. */
  public int dispatchReadyAnywhere(int limit) {
    return claimAndPublish(
        "sweep",
        limit,
        n -> claims.claimReadyAnywhere(n, properties.maxDependencyResults(), clock.instant()));
  }

  /** Dispatches retries whose backoff passed, up to {@code limit}. */
  public int dispatchRetriesDue(int limit) {
    return claimAndPublish(
        "retry",
        limit,
        n -> claims.claimRetriesDue(n, properties.maxDependencyResults(), clock.instant()));
  }

  /**
   * A claim whose transaction failed may still have committed (the connection died during the
   * commit): its steps would sit enqueued, never dispatched, until their deadline. Expiring them
   * now (a no-op for a claim that rolled back) lets the next sweep retry them after their backoff.
   */
  private void expireAfterAmbiguousCommit(List<ClaimedStep> claimed) {
    if (claimed.isEmpty()) {
      return;
    }
    try {
      int expired =
          this.expired.expireNow(
              claimed.stream()
                  .map(s -> new Expired(s.stepId(), s.taskId(), s.attempt(), s.traceParent()))
                  .toList(),
              clock.instant());
      log.warn(
          "A claim of {} steps failed to commit cleanly; {} had committed and are expired for retry",
          claimed.size(),
          expired);
    } catch (RuntimeException e) {
      log.warn(
          "A claim of {} steps failed to commit cleanly; any that committed retry at their deadline:"
              + " {}",
          claimed.size(),
          e.toString());
    }
  }

  private int untilExhausted(String source, IntFunction<List<ClaimedStep>> claim) {
    int total = 0;
    int claimed;
    do {
      claimed = claimAndPublish(source, properties.claimLimit(), claim);
      total += claimed;
    } while (claimed == properties.claimLimit());
    return total;
  }

  private int claimAndPublish(String source, int limit, IntFunction<List<ClaimedStep>> claim) {
    List<ClaimedStep> claimed = new ArrayList<>();
    List<ClaimedStep> steps;
    try {
      steps =
          transactions.execute(
              status -> {
                claimed.addAll(claim.apply(limit));
                return claimed;
              });
    } catch (RuntimeException e) {
      expireAfterAmbiguousCommit(claimed);
      throw e;
    }
    if (!steps.isEmpty()) {
      meters.counter("tributary.scheduler.claimed", "source", source).increment(steps.size());
      List<ClaimedStep> unsent = publisher.dispatch(steps, source);
      expired.expireNow(
          unsent.stream()
              .map(s -> new Expired(s.stepId(), s.taskId(), s.attempt(), s.traceParent()))
              .toList(),
          clock.instant());
    }
    return steps.size();
  }
}
