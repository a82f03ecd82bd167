package dev.tributary.worker.internal.spring;

import dev.tributary.worker.StepHandler;
import dev.tributary.worker.StepOutcome;
import dev.tributary.worker.WorkerCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Exports {@link WorkerCounters} as Micrometer meters:
 *
 * <ul>
 *   <li>{@code tributary.worker.dispatches} by {@code outcome}: {@code received}, {@code invalid},
 *       {@code unknown_handler}, {@code expired};
 *   <li>{@code tributary.worker.attempts} by {@code outcome}: {@code succeeded}, {@code failed},
 *       {@code deadline_exceeded}, {@code given_back};
 *   <li>{@code tributary.worker.checkpoints};
 *   <li>{@code tributary.worker.in.flight}: handlers running now.
 * </ul>
 */
final class WorkerMeters implements MeterBinder {

  private final WorkerLifecycle lifecycle;

  WorkerMeters(WorkerLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    counter(
        registry, "tributary.worker.dispatches", "received", WorkerCounters::dispatchesReceived);
    counter(registry, "tributary.worker.dispatches", "invalid", WorkerCounters::invalidDispatches);
    counter(
        registry,
        "tributary.worker.dispatches",
        "unknown_handler",
        WorkerCounters::unknownHandlers);
    counter(registry, "tributary.worker.dispatches", "expired", WorkerCounters::expiredDispatches);
    counter(registry, "tributary.worker.attempts", "succeeded", WorkerCounters::succeeded);
    counter(registry, "tributary.worker.attempts", "failed", WorkerCounters::failed);
    counter(
        registry,
        "tributary.worker.attempts",
        "deadline_exceeded",
        WorkerCounters::deadlinesExceeded);
    counter(registry, "tributary.worker.attempts", "given_back", WorkerCounters::givenBack);
    FunctionCounter.builder(
            "tributary.worker.checkpoints", lifecycle, l -> l.counters().checkpoints())
        .description("Checkpoints reported by handlers")
        .register(registry);
    Gauge.builder("tributary.worker.in.flight", lifecycle, l -> l.counters().inFlight())
        .description("Handlers running now")
        .register(registry);
  }

  /**
   * {@code handler} timed: {@code tributary.worker.handler.duration} by namespace, handler and
   * whether it returned ({@code succeeded}) or threw ({@code failed}).
   */
  static StepHandler timed(
      MeterRegistry registry, String namespace, String handlerName, StepHandler handler) {
    return context -> {
      long started = System.nanoTime();
      String outcome = "failed";
      try {
        StepOutcome result = handler.handle(context);
        outcome = "succeeded";
        return result;
      } finally {
        Timer.builder("tributary.worker.handler.duration")
            .description("How long handler runs take")
            .tags("tributary_namespace", namespace, "handler", handlerName, "outcome", outcome)
            .publishPercentileHistogram()
            // Buckets up to a day, not Micrometer's 30 s: handlers may run for hours.
            .maximumExpectedValue(Duration.ofDays(1))
            .register(registry)
            .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      }
    };
  }

  private void counter(
      MeterRegistry registry, String name, String outcome, ToLongFunction<WorkerCounters> count) {
    FunctionCounter.builder(name, lifecycle, l -> count.applyAsLong(l.counters()))
        .tag("outcome", outcome)
        .register(registry);
  }
}
