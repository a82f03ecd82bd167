package dev.tributary.processor.signal;

import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.MessageHeaders;
import dev.tributary.contracts.SchedulingSignal;
import dev.tributary.contracts.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells the scheduler which tasks changed. Sent after the database commit and not awaited: a lost
 * signal only delays a step until the scheduler's sweep finds it.
 */
@Component
public class SchedulingSignals {

  private static final Logger log = LoggerFactory.getLogger(SchedulingSignals.class);
  private static final JsonCodec<SchedulingSignal> CODEC = JsonCodec.of(SchedulingSignal.class);

  private final KafkaTemplate<String, byte[]> kafka;
  private final Topics topics;
  private final Counter sent;
  private final Counter failed;

  SchedulingSignals(KafkaTemplate<String, byte[]> kafka, Topics topics, MeterRegistry meters) {
    this.kafka = kafka;
    this.topics = topics;
    this.sent = meters.counter("tributary.signals.sent");
    this.failed = meters.counter("tributary.signals.failed");
  }

  /** One signal per task. */
  public void send(Collection<UUID> taskIds) {
    for (UUID taskId : taskIds) {
      // Not awaited: a failed send is counted and logged in the callback, and the sweep covers it.
      CompletableFuture<?> unused =
          kafka
              .send(
                  topics.schedulingSignals(),
                  MessageHeaders.taskKey(taskId),
                  CODEC.encode(SchedulingSignal.forTask(taskId)))
              .whenComplete(
                  (result, failure) -> {
                    if (failure != null) {
                      failed.increment();
                      log.warn(
                          "Signal for task {} not sent; the scheduler's sweep will find its steps:"
                              + " {}",
                          taskId,
                          failure.toString());
                    }
                  });
    }
    sent.increment(taskIds.size());
  }
}
