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
import dev.tributary.store.dispatch.ClaimedStep;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

  private static final Logger log = LoggerFactory.getLogger(DispatchPublisher.class);
  private static final JsonCodec<StepResult> RESULTS = JsonCodec.of(StepResult.class);
  private static final String SCHEDULER = "tributary-scheduler";

  private final KafkaTemplate<String, byte[]> kafka;
  private final Topics topics;
  private final MeterRegistry meters;
  private final Duration sendWait;

  DispatchPublisher(KafkaTemplate<String, byte[]> kafka, Topics topics, MeterRegistry meters) {
    this.kafka = kafka;
    this.topics = topics;
    this.meters = meters;
    this.sendWait = SendWait.of(kafka.getProducerFactory());
  }

  /**
   * Sends one dispatch per claimed step and waits for the broker's acknowledgements.
   *
   * @return the steps whose dispatch the broker did not acknowledge
   */
  public List<ClaimedStep> dispatch(List<ClaimedStep> steps, String source) {
    List<CompletableFuture<?>> sends = new ArrayList<>(steps.size());
    for (ClaimedStep step : steps) {
      Optional<byte[]> message;
      try {
        message = DispatchMessages.encode(step);
      } catch (IllegalArgumentException invalid) {
        log.error(
            "Step {} of task {} cannot be dispatched: {}; failing it. This indicates a bug or data"
                + " changed outside Tributary",
            step.stepId(),
            step.taskId(),
            invalid.getMessage());
        sends.add(
            report(
                step.stepId(),
                step.taskId(),
                step.attempt(),
                new Outcome.Failed(
                    false,
                    ErrorClasses.INVALID_DISPATCH,
                    // What Failed makes of a null message; not every exception has one.
                    Objects.requireNonNullElse(invalid.getMessage(), ""),
                    null)));
        continue;
      }
      if (message.isPresent()) {
        sends.add(
            kafka.send(
                topics.dispatch(step.namespace()),
                MessageHeaders.taskKey(step.taskId()),
                message.get()));
      } else {
        log.warn(
            "Step {} of task {} cannot be dispatched: its dispatch exceeds {} bytes; failing it",
            step.stepId(),
            step.taskId(),
            Limits.MAX_MESSAGE_BYTES);
        sends.add(
            report(
                step.stepId(),
                step.taskId(),
                step.attempt(),
                new Outcome.Failed(
                    false,
                    ErrorClasses.DISPATCH_TOO_LARGE,
                    "the step's dispatch (task context, inputs, checkpoint) exceeds "
                        + Limits.MAX_MESSAGE_BYTES
                        + " bytes",
                    null)));
      }
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
  public void reportExpired(List<dev.tributary.store.dispatch.ExpiredDispatches.Expired> expired) {
    List<CompletableFuture<?>> sends = new ArrayList<>(expired.size());
    for (var step : expired) {
      log.info(
          "Attempt {} of step {} of task {} passed its deadline with no result; reporting it failed",
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
                  null)));
    }
    await(sends);
    meters.counter("tributary.scheduler.expired").increment(expired.size());
  }

  private CompletableFuture<?> report(UUID stepId, UUID taskId, int attempt, Outcome outcome) {
    StepResult result =
        new StepResult(
            StepResult.SCHEMA_VERSION,
            UuidV7.generate(),
            taskId,
            stepId,
            attempt,
            outcome,
            new WorkerInfo(SCHEDULER, null, null));
    return kafka.send(topics.stepResults(), MessageHeaders.taskKey(taskId), RESULTS.encode(result));
  }

  private void await(List<CompletableFuture<?>> sends) {
    CompletableFuture.allOf(sends.toArray(CompletableFuture<?>[]::new))
        .orTimeout(sendWait.toMillis(), TimeUnit.MILLISECONDS)
        .join();
  }
}
