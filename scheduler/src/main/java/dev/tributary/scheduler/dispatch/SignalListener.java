package dev.tributary.scheduler.dispatch;

import dev.tributary.contracts.InvalidMessageException;
import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.SchedulingSignal;
import dev.tributary.service.deadletter.DeadLetters;
import dev.tributary.service.deadletter.Rejection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes scheduling signals a poll at a time and dispatches the ready steps of every signalled
 * task together; offsets are committed when this returns, after the dispatches are sent and the
 * claims committed. A failure is rethrown and the poll retried with backoff: the claims of a failed
 * poll rolled back, so retrying is safe.
 */
@Component
class SignalListener {

  private static final JsonCodec<SchedulingSignal> CODEC = JsonCodec.of(SchedulingSignal.class);

  private final Dispatcher dispatcher;
  private final DeadLetters deadLetters;

  SignalListener(Dispatcher dispatcher, DeadLetters deadLetters) {
    this.dispatcher = dispatcher;
    this.deadLetters = deadLetters;
  }

  @KafkaListener(
      id = "scheduling-signals",
      topics = "#{@topics.schedulingSignals()}",
      batch = "true",
      // The group is the service's (spring.kafka.consumer.group-id), not the listener id.
      idIsGroup = false,
      autoStartup = "${tributary.scheduler.listen:true}")
  void onSignals(List<ConsumerRecord<String, byte[]>> records) {
    Set<UUID> tasks = new LinkedHashSet<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        tasks.add(CODEC.decode(record.value()).taskId());
      } catch (InvalidMessageException e) {
        deadLetters.send(record, Rejection.unreadable(e.getMessage()));
      }
    }
    dispatcher.dispatchReady(tasks);
  }
}
