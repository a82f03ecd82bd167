package dev.tributary.scheduler.dispatch;

import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.SchedulingSignal;
import dev.tributary.service.deadletter.DeadLetters;
import dev.tributary.service.deadletter.Rejection;
import dev.tributary.service.kafka.PollHandler;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes scheduling signals a poll at a time (see {@link PollHandler}) and dispatches the ready
 * steps of every signalled task together; offsets are committed only after this returns, after the
 * dispatches are sent and the claims committed. A transient failure is rethrown and the poll
 * retried with backoff: the claims of a failed poll rolled back, so retrying is safe.
 */
@Component
class SignalListener {

  private static final JsonCodec<SchedulingSignal> CODEC = JsonCodec.of(SchedulingSignal.class);

  private final PollHandler<UUID, Optional<Rejection>> polls;

  SignalListener(Dispatcher dispatcher, DeadLetters deadLetters) {
    this.polls =
        new PollHandler<>(
            "scheduling signals",
            record -> CODEC.decode(record.value()).taskId(),
            tasks -> {
              dispatcher.dispatchReady(new LinkedHashSet<>(tasks));
              return Collections.nCopies(tasks.size(), Optional.empty());
            },
            failure -> Optional.of(Rejection.failed("dispatch failed: " + failure.getMessage())),
            outcome -> outcome,
            deadLetters);
  }

  @KafkaListener(
      id = "scheduling-signals",
      topics = "#{@topics.schedulingSignals()}",
      batch = "true",
      // The group is the service's (spring.kafka.consumer.group-id), not the listener id.
      idIsGroup = false,
      autoStartup = "${tributary.scheduler.listen:true}")
  void onSignals(List<ConsumerRecord<String, byte[]>> records) {
    polls.handle(records);
  }
}
