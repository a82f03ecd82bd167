package dev.tributary.processor.result;

import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.StepState;
import dev.tributary.core.result.StepSnapshot;
import dev.tributary.core.result.Verdict;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The processor's result metrics: results by outcome and verdict, batch sizes, database statements
 * per batch and per message, latency from the worker's finish to processing, and each step's time
 * in the queue and running.
 */
@Component
class ResultMetrics {

  private final MeterRegistry meters;
  private final DistributionSummary batchSize;
  private final DistributionSummary statementsPerBatch;
  private final Timer latency;

  ResultMetrics(MeterRegistry meters) {
    this.meters = meters;
    this.batchSize =
        DistributionSummary.builder("tributary.results.batch.size")
            .description("Step results per poll")
            .register(meters);
    this.statementsPerBatch =
        DistributionSummary.builder("tributary.results.statements.per.batch")
            .description("Database statements to apply one poll of step results")
            .register(meters);
    this.latency =
        Timer.builder("tributary.results.latency")
            .description("From the worker finishing an attempt to its result being applied")
            .publishPercentileHistogram()
            .register(meters);
  }

  void batch(
      List<StepResult> results,
      List<Verdict> verdicts,
      Map<UUID, StepSnapshot> loaded,
      int statements,
      Instant now) {
    stepTimes(results, verdicts, loaded, now);
    batchSize.record(results.size());
    statementsPerBatch.record(statements);
    DistributionSummary.builder("tributary.results.statements.per.message")
        .description("Database statements per step result, by scenario")
        .tag("scenario", scenario(results))
        .register(meters)
        .record(results.isEmpty() ? 0 : (double) statements / results.size());
    for (int i = 0; i < results.size(); i++) {
      StepResult result = results.get(i);
      meters
          .counter(
              "tributary.results",
              "outcome",
              outcomeName(result.outcome()),
              "verdict",
              verdictName(verdicts.get(i)),
              "reason",
              verdicts.get(i) instanceof Verdict.Ignored ignored
                  ? ignored.reason().name().toLowerCase(java.util.Locale.ROOT)
                  : "none")
          .increment();
      if (result.worker() != null && result.worker().finishedAt() != null) {
        Duration age = Duration.between(result.worker().finishedAt(), now);
        if (!age.isNegative()) {
          latency.record(age);
        }
      }
    }
  }

  /**
   * Time in the queue (dispatch → the worker's start), once per attempt: at the first answer to a
   * dispatch; time running (start → finish), at the attempt's result. Tagged by namespace, template
   * and step kind, never by ids.
   */
  private void stepTimes(
      List<StepResult> results,
      List<Verdict> verdicts,
      Map<UUID, StepSnapshot> loaded,
      Instant now) {
    Set<UUID> answered = new HashSet<>();
    for (int i = 0; i < results.size(); i++) {
      StepResult result = results.get(i);
      StepSnapshot step = loaded.get(result.stepId());
      if (step == null || !(verdicts.get(i) instanceof Verdict.Applied)) {
        continue;
      }
      Instant started = result.worker() == null ? null : result.worker().startedAt();
      boolean answer = !(result.outcome() instanceof Outcome.Checkpointed);
      if (answer
          && step.state() == StepState.ENQUEUED
          && step.dispatchedAt() != null
          && answered.add(step.stepId())) {
        record(
            "tributary.steps.queued",
            "From a step's dispatch to a worker starting it",
            step,
            Duration.between(step.dispatchedAt(), started != null ? started : now),
            Tags.empty());
      }
      Instant finished = result.worker() == null ? null : result.worker().finishedAt();
      if (started != null && finished != null && isFinal(result.outcome())) {
        record(
            "tributary.steps.running",
            "From a worker starting an attempt to its result",
            step,
            Duration.between(started, finished),
            Tags.of(
                "outcome", result.outcome() instanceof Outcome.Succeeded ? "succeeded" : "failed"));
      }
    }
  }

  private void record(
      String name, String description, StepSnapshot step, Duration duration, Tags tags) {
    if (duration.isNegative()) {
      return; // clocks of two machines; nothing useful to record
    }
    Timer.builder(name)
        .description(description)
        .tags(
            Tags.of(
                    "tributary_namespace", step.namespace(),
                    "template", step.templateName(),
                    "kind", step.kind().wireName())
                .and(tags))
        .publishPercentileHistogram()
        // Buckets up to a day, not Micrometer's 30 s: a step may wait or run for hours.
        .maximumExpectedValue(Duration.ofDays(1))
        .register(meters)
        .record(duration);
  }

  private static boolean isFinal(Outcome outcome) {
    return outcome instanceof Outcome.Succeeded || outcome instanceof Outcome.Failed;
  }

  /** The kind of work in a poll: "simple" unless some result carries a decision or batch. */
  static String scenario(List<StepResult> results) {
    String scenario = "simple";
    for (StepResult result : results) {
      if (result.outcome() instanceof Outcome.Succeeded success && success.expansion() != null) {
        scenario =
            switch (success.expansion()) {
              case dev.tributary.contracts.Expansion.CreateSteps c -> "decision";
              case dev.tributary.contracts.Expansion.NoBranches n -> "decision";
              default -> "batch";
            };
      }
    }
    return scenario;
  }

  static String outcomeName(Outcome outcome) {
    return switch (outcome) {
      case Outcome.Started s -> "started";
      case Outcome.Succeeded s -> "success";
      case Outcome.Failed f -> "failure";
      case Outcome.Checkpointed c -> "checkpoint";
    };
  }

  static String verdictName(Verdict verdict) {
    return switch (verdict) {
      case Verdict.Applied a -> "applied";
      case Verdict.Ignored i -> "ignored";
      case Verdict.Rejected r -> "rejected";
      case Verdict.Failed f -> "failed";
    };
  }
}
