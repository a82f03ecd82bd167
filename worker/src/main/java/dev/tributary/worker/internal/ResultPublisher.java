package dev.tributary.worker.internal;

import dev.tributary.contracts.ErrorClasses;
import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.MessageHeaders;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.WorkerInfo;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes step results, keyed by task id, with the dispatch's trace context. One idempotent
 * producer keeps each task's results in order ({@code started}, checkpoints, then the answer).
 *
 * <p>An answer (success or failure) is sent until the broker acknowledges it: the producer retries
 * for its delivery timeout, then this class again with a growing delay, until the worker closes.
 * Its dispatch stays uncommitted meanwhile. {@code started} and checkpoints are sent once: the
 * answer matters, and sending them again later could put them after it.
 */
final class ResultPublisher {

  private static final Logger log = LoggerFactory.getLogger(ResultPublisher.class);
  private static final JsonCodec<StepResult> RESULTS = JsonCodec.of(StepResult.class);

  static final Duration FIRST_RESEND_DELAY = Duration.ofMillis(500);
  static final Duration MAX_RESEND_DELAY = Duration.ofSeconds(10);

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final ScheduledExecutorService timer;
  private volatile boolean closed;

  ResultPublisher(Producer<String, byte[]> producer, String topic, ScheduledExecutorService timer) {
    this.producer = producer;
    this.topic = topic;
    this.timer = timer;
  }

  /** Sends {@code started} or a checkpoint, once. */
  void publish(Received received, Outcome outcome, WorkerInfo worker) {
    send(received, outcome, worker, null);
  }

  /** Sends an answer until acknowledged, then runs {@code onAcknowledged} on a producer thread. */
  void publish(Received received, Outcome outcome, WorkerInfo worker, Runnable onAcknowledged) {
    send(received, outcome, worker, onAcknowledged);
  }

  private void send(
      Received received, Outcome outcome, WorkerInfo worker, @Nullable Runnable onAcknowledged) {
    StepResult result = StepResult.answering(received.dispatch, outcome, worker);
    byte[] value = RESULTS.encode(result);
    if (value.length > JsonCodec.MAX_MESSAGE_BYTES) {
      if (onAcknowledged == null) {
        log.warn(
            "Dropping a {} result of {} bytes for {}: above the limit of {} bytes",
            typeOf(outcome),
            value.length,
            received,
            JsonCodec.MAX_MESSAGE_BYTES);
        return;
      }
      log.warn(
          "The {} result of {} is {} bytes, above the limit of {}; failing the step instead",
          typeOf(outcome),
          received,
          value.length,
          JsonCodec.MAX_MESSAGE_BYTES);
      result =
          StepResult.answering(
              received.dispatch,
              Failures.permanent(
                  ErrorClasses.RESULT_TOO_LARGE,
                  "the step's result is "
                      + value.length
                      + " bytes; results are limited to "
                      + JsonCodec.MAX_MESSAGE_BYTES
                      + " bytes: store large data elsewhere and return a reference"),
              worker);
      value = RESULTS.encode(result);
    }
    List<Header> headers = received.traceparent == null ? List.of() : List.of(received.traceparent);
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            topic, null, MessageHeaders.taskKey(received.dispatch.taskId()), value, headers);
    send(record, received, typeOf(result.outcome()), onAcknowledged, FIRST_RESEND_DELAY);
  }

  private void send(
      ProducerRecord<String, byte[]> record,
      Received received,
      String type,
      @Nullable Runnable onAcknowledged,
      Duration resendDelay) {
    try {
      // Not awaited: the callback handles the outcome, and a failure is resent or logged there.
      Future<RecordMetadata> unused =
          producer.send(
              record,
              (metadata, error) -> {
                if (error == null) {
                  if (onAcknowledged != null) {
                    onAcknowledged.run();
                  }
                } else {
                  failed(record, received, type, onAcknowledged, resendDelay, error);
                }
              });
    } catch (RuntimeException e) {
      failed(record, received, type, onAcknowledged, resendDelay, e);
    }
  }

  private void failed(
      ProducerRecord<String, byte[]> record,
      Received received,
      String type,
      @Nullable Runnable onAcknowledged,
      Duration resendDelay,
      Exception error) {
    if (onAcknowledged == null) {
      log.warn(
          "Could not publish the {} result of {}: {}; not sent again",
          type,
          received,
          error.toString());
      return;
    }
    if (closed) {
      log.warn(
          "Could not publish the {} result of {}: {}; the worker is closing, so the dispatch stays"
              + " uncommitted and will be redelivered",
          type,
          received,
          error.toString());
      return;
    }
    log.warn(
        "Could not publish the {} result of {}: {}; sending it again in {}",
        type,
        received,
        error.toString(),
        resendDelay);
    Duration next = resendDelay.multipliedBy(2);
    try {
      // Not awaited: send() handles its own failures (it resends or logs them).
      ScheduledFuture<?> unused =
          timer.schedule(
              () ->
                  send(
                      record,
                      received,
                      type,
                      onAcknowledged,
                      next.compareTo(MAX_RESEND_DELAY) > 0 ? MAX_RESEND_DELAY : next),
              resendDelay.toMillis(),
              TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.warn("Not sending the {} result of {} again: the worker is closing", type, received);
    }
  }

  /** Stops resending; what is not acknowledged by now is redelivered to the group. */
  void close(Duration timeout) {
    closed = true;
    producer.close(timeout);
  }

  private static String typeOf(Outcome outcome) {
    return switch (outcome) {
      case Outcome.Started s -> "started";
      case Outcome.Succeeded s -> "success";
      case Outcome.Failed f -> "failure";
      case Outcome.Checkpointed c -> "checkpoint";
    };
  }
}
