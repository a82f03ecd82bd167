package dev.tributary.processor.result;

import dev.tributary.contracts.InvalidMessageException;
import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.StepResult;
import dev.tributary.service.deadletter.DeadLetters;
import dev.tributary.service.kafka.PollIsolation;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes step results a poll at a time. Unreadable results and results that can never apply go to
 * the dead-letter topic with their reason; the rest are applied together. Offsets are committed
 * when this returns, after the database commit. A transient failure is rethrown so the container
 * retries the poll with backoff; any other failure of the poll is narrowed down record by record,
 * so that one poison message cannot hold back its partition.
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
        results.add(CODEC.decode(record.value()));
        readable.add(record);
      } catch (InvalidMessageException e) {
        dead.add(new DeadLetter(record, e.getMessage()));
      }
    }
    List<Verdict> verdicts =
        PollIsolation.apply(
            results,
            processor::process,
            failure -> new Verdict.Rejected("result could not be applied: " + failure.getMessage()),
            "step results");
    for (int i = 0; i < verdicts.size(); i++) {
      if (verdicts.get(i) instanceof Verdict.Rejected rejected) {
        dead.add(new DeadLetter(readable.get(i), rejected.reason()));
      }
    }
    dead.forEach(d -> deadLetters.send(d.record(), d.reason(), null));
  }

  private record DeadLetter(ConsumerRecord<String, byte[]> record, String reason) {}
}
