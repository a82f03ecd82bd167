package dev.tributary.scheduler.dispatch;

import dev.tributary.contracts.ErrorClasses;
import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.Limits;
import dev.tributary.contracts.MessageHeaders;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.Topics;
import dev.tributary.contracts.UuidV7;
import dev.tributary.contracts.WorkerInfo;
import dev.tributary.service.kafka.SendWait;
import dev.tributary.service.tracing.MessageTracing;
import dev.tributary.store.dispatch.ClaimedStep;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Produces dispatch messages (and the scheduler's own failure reports) and waits until the broker
 * has them all, so that the caller commits its claims or offsets only after.
 */
@Component
public class DispatchPublisher {

  /** The span of dispatching one attempt of a step. */
  static final String SPAN = "tributary.step.dispatch";

  /** The span of reporting an attempt whose deadline passed with no result. */
  static final String EXPIRED_SPAN = "tributary.step.expired";

  private static final Logger log = LoggerFactory.getLogger(DispatchPublisher.class);
  private static final JsonCodec<StepResult> RESULTS = JsonCodec.of(StepResult.class);
  private static final String SCHEDULER = "tributary-scheduler";

  private final KafkaTemplate<String, byte[]> kafka;
  private final Topics topics;
  private final MeterRegistry meters;
  private final MessageTracing tracing;
  private final Duration sendWait;

  DispatchPublisher(
      KafkaTemplate<String, byte[]> kafka,
      Topics topics,
      MeterRegistry meters,
      MessageTracing tracing) {
    this.kafka = kafka;
    this.topics = topics;
    this.meters = meters;
    this.tracing = tracing;
    this.sendWait = SendWait.of(kafka.getProducerFactory());
    // Registered at zero, so that an alert's increase() sees the first dispatch, failure or expiry.
    for (String source : List.of("signal", "sweep", "retry")) {
      meters.counter("tributary.scheduler.dispatched", "source", source);
    }
    meters.counter("tributary.scheduler.dispatch.failures");
    meters.counter("tributary.scheduler.expired");
  }

  /**
   * Sends one dispatch per claimed step and waits for the broker's acknowledgements.
   *
   * @return the steps whose dispatch the broker did not acknowledge
   */
  public List<ClaimedStep> dispatch(List<ClaimedStep> steps, String source) {
    List<CompletableFuture<?>> sends = new ArrayList<>(steps.size());
    for (ClaimedStep step : steps) {
      Span span = span(step);
      sends.add(
          dispatch(step, span).whenComplete((sent, failure) -> MessageTracing.end(span, failure)));
    }
    List<ClaimedStep> unsent = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      if (!succeeded(sends.get(i))) {
        unsent.add(steps.get(i));
      }
    }
    meters
        .counter("tributary.scheduler.dispatched", "source", source)
        .increment(steps.size() - unsent.size());
    if (!unsent.isEmpty()) {
      meters.counter("tributary.scheduler.dispatch.failures").increment(unsent.size());
      log.warn(
          "{} of {} dispatches were not acknowledged; their attempts are failed and retried",
          unsent.size(),
          steps.size());
    }
    return unsent;
  }

  /**
   * The span of dispatching one attempt: a child of the span that made the step ready (or of the
   * task's creation), and the parent of the worker's.
   */
  private Span span(ClaimedStep step) {
    Span span = tracing.start(SPAN, Span.Kind.PRODUCER, step.traceParent());
    if (span.isNoop()) {
      return span; // not recorded: no attributes to compute
    }
    return span.tag("tributary.task.id", step.taskId().toString())
        .tag("tributary.step.id", step.stepId().toString())
        .tag("tributary.step.name", step.stepName())
        .tag("tributary.attempt", step.attempt())
        .tag("tributary.namespace", step.namespace());
  }

  /** Sends the step's dispatch, or, when it cannot be one, reports the attempt failed for good. */
  @SuppressWarnings("try") // the log context holds while the block runs
  private CompletableFuture<?> dispatch(ClaimedStep step, Span span) {
    String traceparent = tracing.traceparent(span, step.traceParent());
    Optional<byte[]> message;
    try {
      message = DispatchMessages.encode(step);
    } catch (IllegalArgumentException invalid) {
      try (MessageTracing.LogContext logs =
          tracing.logContext(span, step.taskId(), step.stepId())) {
        log.error(
            "Step {} of task {} cannot be dispatched: {}; failing it. This indicates a bug or data"
                + " changed outside Tributary",
            step.stepId(),
            step.taskId(),
            invalid.getMessage());
      }
      return report(
          step.stepId(),
          step.taskId(),
          step.attempt(),
          new Outcome.Failed(
              false,
              ErrorClasses.INVALID_DISPATCH,
              // What Failed makes of a null message; not every exception has one.
              Objects.requireNonNullElse(invalid.getMessage(), ""),
              null),
          traceparent);
    }
    if (message.isPresent()) {
      return kafka.send(
          MessageTracing.withTraceparent(
              new ProducerRecord<>(
                  topics.dispatch(step.namespace()),
                  MessageHeaders.taskKey(step.taskId()),
                  message.get()),
              traceparent));
    }
    try (MessageTracing.LogContext logs = tracing.logContext(span, step.taskId(), step.stepId())) {
      log.warn(
          "Step {} of task {} cannot be dispatched: its dispatch exceeds {} bytes; failing it",
          step.stepId(),
          step.taskId(),
          Limits.MAX_MESSAGE_BYTES);
    }
    return report(
        step.stepId(),
        step.taskId(),
        step.attempt(),
        new Outcome.Failed(
            false,
            ErrorClasses.DISPATCH_TOO_LARGE,
            "the step's dispatch (task context, inputs, checkpoint) exceeds "
                + Limits.MAX_MESSAGE_BYTES
                + " bytes",
            null),
        traceparent);
  }

  private boolean succeeded(CompletableFuture<?> send) {
    try {
      send.get(sendWait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return false;
    }
  }

  /**
   * Reports an attempt that ran out of time as a retryable failure on the results topic: the
   * processor retries it after its backoff, or fails it when its attempts are exhausted.
   */
  @SuppressWarnings("try") // the log context holds while the block runs
  public void reportExpired(List<dev.tributary.store.dispatch.ExpiredDispatches.Expired> expired) {
    List<CompletableFuture<?>> sends = new ArrayList<>(expired.size());
    for (var step : expired) {
      Span span =
          tracing
              .start(EXPIRED_SPAN, Span.Kind.PRODUCER, step.traceParent())
              .tag("tributary.task.id", step.taskId().toString())
              .tag("tributary.step.id", step.stepId().toString())
              .tag("tributary.attempt", step.attempt());
      try (MessageTracing.LogContext logs =
          tracing.logContext(span, step.taskId(), step.stepId())) {
        log.info(
            "Attempt {} of step {} of task {} passed its deadline with no result; reporting it"
                + " failed",
            step.attempt(),
            step.stepId(),
            step.taskId());
        sends.add(
            report(
                    step.stepId(),
                    step.taskId(),
                    step.attempt(),
                    new Outcome.Failed(
                        true,
                        ErrorClasses.DEADLINE_EXCEEDED,
                        "no result before the attempt's deadline",
                        null),
                    tracing.traceparent(span, step.traceParent()))
                .whenComplete((sent, failure) -> MessageTracing.end(span, failure)));
      }
    }
    await(sends);
    meters.counter("tributary.scheduler.expired").increment(expired.size());
  }

  private CompletableFuture<?> report(
      UUID stepId, UUID taskId, int attempt, Outcome outcome, @Nullable String traceparent) {
    StepResult result =
        new StepResult(
            StepResult.SCHEMA_VERSION,
            UuidV7.generate(),
            taskId,
            stepId,
            attempt,
            outcome,
            new WorkerInfo(SCHEDULER, null, null));
    return kafka.send(
        MessageTracing.withTraceparent(
            new ProducerRecord<>(
                topics.stepResults(), MessageHeaders.taskKey(taskId), RESULTS.encode(result)),
            traceparent));
  }

  private void await(List<CompletableFuture<?>> sends) {
    CompletableFuture.allOf(sends.toArray(CompletableFuture<?>[]::new))
        .orTimeout(sendWait.toMillis(), TimeUnit.MILLISECONDS)
        .join();
  }
}
