package dev.tributary.processor.result;

import dev.tributary.contracts.InvalidMessageException;
import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.StepResult;
import dev.tributary.core.result.Verdict;
import dev.tributary.service.deadletter.DeadLetters;
import dev.tributary.service.deadletter.Rejection;
import dev.tributary.service.kafka.PollIsolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes step results a poll at a time. Unreadable results, results not keyed by their task id
 * and results that can never apply go to the dead-letter topic with their reason; the rest are
 * applied together. Offsets are committed when this returns, after the database commit. A transient
 * failure is rethrown so the container retries the poll with backoff; any other failure of the poll
 * is narrowed down record by record, so that one poison message cannot hold back its partition.
 */
@Component
class StepResultListener {

  private static final JsonCodec<StepResult> CODEC = JsonCodec.of(StepResult.class);

  private final ResultProcessor processor;
  private final DeadLetters deadLetters;

  StepResultListener(ResultProcessor processor, DeadLetters deadLetters) {
    this.processor = processor;
    this.deadLetters = deadLetters;
  }

  @KafkaListener(
      id = "step-results",
      topics = "#{@topics.stepResults()}",
      batch = "true",
      // The group is the service's (spring.kafka.consumer.group-id), not the listener id.
      idIsGroup = false,
      autoStartup = "${tributary.processor.listen:true}")
  void onResults(List<ConsumerRecord<String, byte[]>> records) {
    List<ConsumerRecord<String, byte[]>> readable = new ArrayList<>(records.size());
    List<StepResult> results = new ArrayList<>(records.size());
    List<DeadLetter> dead = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        StepResult result = CODEC.decode(record.value());
        Optional<String> wrongKey = wrongKey(record.key(), result.taskId());
        if (wrongKey.isPresent()) {
          dead.add(new DeadLetter(record, Rejection.wrongKey(wrongKey.get())));
          continue;
        }
        results.add(result);
        readable.add(record);
      } catch (InvalidMessageException e) {
        dead.add(new DeadLetter(record, Rejection.unreadable(e.getMessage())));
      }
    }
    List<Verdict> verdicts =
        PollIsolation.apply(
            results,
            processor::process,
            failure -> new Verdict.Failed("result could not be applied: " + failure.getMessage()),
            "step results");
    for (int i = 0; i < verdicts.size(); i++) {
      switch (verdicts.get(i)) {
        case Verdict.Rejected rejected ->
            dead.add(new DeadLetter(readable.get(i), Rejection.rejected(rejected.reason())));
        case Verdict.Failed failed ->
            dead.add(new DeadLetter(readable.get(i), Rejection.failed(failed.reason())));
        case Verdict.Applied applied -> {}
        case Verdict.Ignored ignored -> {}
      }
    }
    dead.forEach(d -> deadLetters.send(d.record(), d.rejection()));
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
      if (UUID.fromString(key).equals(taskId) && key.length() == 36) {
        return Optional.empty();
      }
    } catch (IllegalArgumentException notAUuid) {
      // Falls through to the reason below.
    }
    return Optional.of(
        "the record's key '" + key + "' is not its task id; a result must be keyed by " + taskId);
  }

  private record DeadLetter(ConsumerRecord<String, byte[]> record, Rejection rejection) {}
}
