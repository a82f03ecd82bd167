package dev.tributary.processor.task;

import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.TaskRequest;
import dev.tributary.processor.task.CreationOutcome.Created;
import dev.tributary.processor.task.CreationOutcome.Duplicate;
import dev.tributary.processor.task.CreationOutcome.Failed;
import dev.tributary.processor.task.CreationOutcome.Rejected;
import dev.tributary.service.deadletter.DeadLetters;
import dev.tributary.service.deadletter.Rejection;
import dev.tributary.service.kafka.PollHandler;
import dev.tributary.service.tracing.MessageTracing;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes task requests a poll at a time (see {@link PollHandler}). Unreadable and rejected
 * requests go to the dead-letter topic with their reason; the rest are created together before the
 * poll's offsets are committed.
 */
@Component
class TaskRequestListener {

  private static final JsonCodec<TaskRequest> CODEC = JsonCodec.of(TaskRequest.class);

  private final PollHandler<Submission, CreationOutcome> polls;
  private final MeterRegistry meters;

  TaskRequestListener(TaskCreation creation, DeadLetters deadLetters, MeterRegistry meters) {
    this.meters = meters;
    this.polls =
        new PollHandler<>(
            "task requests",
            record ->
                new Submission(
                    CODEC.decode(record.value()),
                    delivery(record),
                    MessageTracing.traceparent(record.headers())),
            creation::submit,
            failure -> new Failed("task creation failed: " + failure.getMessage()),
            TaskRequestListener::rejection,
            deadLetters);
  }

  @KafkaListener(
      id = "task-requests",
      topics = "#{@topics.taskRequests()}",
      batch = "true",
      // The group is the service's (spring.kafka.consumer.group-id), not the listener id.
      idIsGroup = false,
      autoStartup = "${tributary.processor.listen:true}")
  void onRequests(List<ConsumerRecord<String, byte[]>> records) {
    List<CreationOutcome> outcomes = polls.handle(records);
    int created = (int) outcomes.stream().filter(Created.class::isInstance).count();
    int duplicates = (int) outcomes.stream().filter(Duplicate.class::isInstance).count();
    meters.counter("tributary.tasks.requests", "outcome", "created").increment(created);
    meters.counter("tributary.tasks.requests", "outcome", "duplicate").increment(duplicates);
    meters
        .counter("tributary.tasks.requests", "outcome", "rejected")
        .increment(records.size() - created - duplicates);
  }

  private static Optional<Rejection> rejection(CreationOutcome outcome) {
    return switch (outcome) {
      case Rejected rejected -> Optional.of(Rejection.rejected(rejected.reason()));
      case Failed failed -> Optional.of(Rejection.failed(failed.reason()));
      case Created created -> Optional.empty();
      case Duplicate duplicate -> Optional.empty();
    };
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
