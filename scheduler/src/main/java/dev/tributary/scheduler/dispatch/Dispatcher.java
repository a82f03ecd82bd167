package dev.tributary.scheduler.dispatch;

import dev.tributary.scheduler.SchedulerProperties;
import dev.tributary.store.dispatch.ClaimedStep;
import dev.tributary.store.dispatch.ExpiredDispatches;
import dev.tributary.store.dispatch.ExpiredDispatches.Expired;
import dev.tributary.store.dispatch.StepClaims;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
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
    List<ClaimedStep> steps = transactions.execute(status -> claim.apply(limit));
    if (!steps.isEmpty()) {
      meters.counter("tributary.scheduler.claimed", "source", source).increment(steps.size());
      List<ClaimedStep> unsent = publisher.dispatch(steps, source);
      expired.expireNow(
          unsent.stream().map(s -> new Expired(s.stepId(), s.taskId(), s.attempt())).toList(),
          clock.instant());
    }
    return steps.size();
  }
}
