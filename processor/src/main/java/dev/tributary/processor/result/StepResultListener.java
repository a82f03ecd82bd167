package dev.tributary.processor.result;

import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.StepResult;
import dev.tributary.core.result.Verdict;
import dev.tributary.service.deadletter.DeadLetters;
import dev.tributary.service.deadletter.Rejection;
import dev.tributary.service.kafka.PollHandler;
import dev.tributary.service.kafka.PollHandler.RejectedRecordException;
import dev.tributary.service.tracing.MessageTracing;
import dev.tributary.service.tracing.Traced;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes step results a poll at a time (see {@link PollHandler}). Unreadable results, results not
 * keyed by their task id and results that can never apply go to the dead-letter topic with their
 * reason; the rest are applied together before the poll's offsets are committed.
 */
@Component
class StepResultListener {

  private static final JsonCodec<StepResult> CODEC = JsonCodec.of(StepResult.class);

  private final PollHandler<Traced<StepResult>, Verdict> polls;

  StepResultListener(ResultProcessor processor, DeadLetters deadLetters, MessageTracing tracing) {
    this.polls =
        new PollHandler<>(
            "step results",
            record -> Traced.received(read(record), ResultProcessor.SPAN, record, tracing),
            processor::handle,
            failure -> new Verdict.Failed("result could not be applied: " + failure.getMessage()),
            StepResultListener::rejection,
            deadLetters);
  }

  @KafkaListener(
      id = "step-results",
      topics = "#{@topics.stepResults()}",
      batch = "true",
      // The group is the service's (spring.kafka.consumer.group-id), not the listener id.
      idIsGroup = false,
      autoStartup = "${tributary.processor.listen:true}")
  void onResults(List<ConsumerRecord<String, byte[]>> records) {
    polls.handle(records);
  }

  private static StepResult read(ConsumerRecord<String, byte[]> record) {
    StepResult result = CODEC.decode(record.value());
    Optional<String> wrongKey = wrongKey(record.key(), result.taskId());
    if (wrongKey.isPresent()) {
      throw new RejectedRecordException(Rejection.wrongKey(wrongKey.get()));
    }
    return result;
  }

  private static Optional<Rejection> rejection(Verdict verdict) {
    return switch (verdict) {
      case Verdict.Rejected rejected -> Optional.of(Rejection.rejected(rejected.reason()));
      case Verdict.Failed failed -> Optional.of(Rejection.failed(failed.reason()));
      case Verdict.Applied applied -> Optional.empty();
      case Verdict.Ignored ignored -> Optional.empty();
    };
  }

  /**
   * Why the record's key is not its task id, if it is not. Keying by task id is what puts every
   * message of a task on one partition, and so makes one processor its owner; a result keyed
   * otherwise could be applied by two processors at once. Compared as UUIDs: letter case does not
   * matter.
   */
  static Optional<String> wrongKey(@Nullable String key, UUID taskId) {
    if (key == null) {
      return Optional.of("the record has no key; a result must be keyed by its task id " + taskId);
    }
    try {
      if (key.length() == 36 && UUID.fromString(key).equals(taskId)) {
        return Optional.empty();
      }
    } catch (IllegalArgumentException notAUuid) {
      // Falls through to the reason below.
    }
    return Optional.of(
        "the record's key '" + key + "' is not its task id; a result must be keyed by " + taskId);
  }
}
