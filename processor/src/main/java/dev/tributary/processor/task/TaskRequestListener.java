package dev.tributary.processor.task;

import dev.tributary.contracts.InvalidMessageException;
import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.TaskRequest;
import dev.tributary.processor.task.CreationOutcome.Duplicate;
import dev.tributary.processor.task.CreationOutcome.Rejected;
import dev.tributary.service.deadletter.DeadLetters;
import dev.tributary.service.deadletter.Rejection;
import dev.tributary.service.kafka.PollIsolation;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes task requests a poll at a time. Unreadable and rejected requests go to the dead-letter
 * topic with their reason; the rest are created together. Offsets are committed when this returns,
 * after the database commit.
 */
@Component
class TaskRequestListener {

  private static final Logger log = LoggerFactory.getLogger(TaskRequestListener.class);
  private static final JsonCodec<TaskRequest> CODEC = JsonCodec.of(TaskRequest.class);

  private final TaskCreation creation;
  private final DeadLetters deadLetters;
  private final MeterRegistry meters;

  TaskRequestListener(TaskCreation creation, DeadLetters deadLetters, MeterRegistry meters) {
    this.creation = creation;
    this.deadLetters = deadLetters;
    this.meters = meters;
  }

  @KafkaListener(
      id = "task-requests",
      topics = "#{@topics.taskRequests()}",
      batch = "true",
      // The group is the service's (spring.kafka.consumer.group-id), not the listener id.
      idIsGroup = false,
      autoStartup = "${tributary.processor.listen:true}")
  void onRequests(List<ConsumerRecord<String, byte[]>> records) {
    List<ConsumerRecord<String, byte[]>> readable = new ArrayList<>(records.size());
    List<Submission> submissions = new ArrayList<>(records.size());
    List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        submissions.add(new Submission(CODEC.decode(record.value()), delivery(record)));
        readable.add(record);
      } catch (InvalidMessageException e) {
        dead.add(record);
        rejections.add(Rejection.unreadable(e.getMessage()));
      }
    }
    List<CreationOutcome> outcomes =
        PollIsolation.apply(
            submissions,
            creation::submit,
            failure -> new CreationOutcome.Failed("task creation failed: " + failure.getMessage()),
            "task requests");
    for (int i = 0; i < outcomes.size(); i++) {
      switch (outcomes.get(i)) {
        case Rejected rejected -> {
          dead.add(readable.get(i));
          rejections.add(Rejection.rejected(rejected.reason()));
        }
        case CreationOutcome.Failed failed -> {
          dead.add(readable.get(i));
          rejections.add(Rejection.failed(failed.reason()));
        }
        case Duplicate duplicate -> {
          meters.counter("tributary.tasks.requests", "outcome", "duplicate").increment();
          log.debug("Task request {} is a duplicate", duplicate.identityKey());
        }
        case CreationOutcome.Created created ->
            meters.counter("tributary.tasks.requests", "outcome", "created").increment();
      }
    }
    for (int i = 0; i < dead.size(); i++) {
      meters.counter("tributary.tasks.requests", "outcome", "rejected").increment();
      deadLetters.send(dead.get(i), rejections.get(i));
    }
  }

  /**
   * The record's place in its topic, the same each time it is redelivered. Its timestamp tells it
   * from a record at the same offset of a topic deleted and created again.
   */
  private static String delivery(ConsumerRecord<String, byte[]> record) {
    return "record:"
        + record.topic()
        + "/"
        + record.partition()
        + "@"
        + record.offset()
        + "/"
        + record.timestamp();
  }
}
