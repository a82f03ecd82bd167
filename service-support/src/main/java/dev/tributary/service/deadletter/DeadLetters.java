package dev.tributary.service.deadletter;

import dev.tributary.contracts.Limits;
import dev.tributary.contracts.MessageHeaders;
import dev.tributary.contracts.Topics;
import dev.tributary.service.kafka.SendWait;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Sends a record that cannot be processed to the dead-letter topic, unchanged (same key, value and
 * headers) plus Spring Kafka's standard origin headers (original topic, partition, offset,
 * timestamp, exception class and message) and Tributary's own: the reason in words and the service
 * that gave up. Waits for the broker's acknowledgement, so a record is never both skipped and lost:
 * the caller commits its offset only afterwards.
 */
public final class DeadLetters {

  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

  private final DeadLetterPublishingRecoverer recoverer;
  private final MeterRegistry meters;
  private final String service;

  public DeadLetters(
      KafkaOperations<String, byte[]> kafka, Topics topics, String service, MeterRegistry meters) {
    this.meters = meters;
    this.service = service;
    this.recoverer =
        new DeadLetterPublishingRecoverer(
            kafka, (record, failure) -> new TopicPartition(topics.deadLetters(), -1));
    this.recoverer.setFailIfSendResultIsError(true);
    this.recoverer.setWaitForSendResultTimeout(SendWait.of(kafka.getProducerFactory()));
    this.recoverer.setHeadersFunction(
        (record, failure) -> {
          RecordHeaders headers = new RecordHeaders();
          headers.add(
              new RecordHeader(
                  MessageHeaders.DEAD_LETTER_REASON,
                  reasonOf(failure).getBytes(StandardCharsets.UTF_8)));
          headers.add(
              new RecordHeader(
                  MessageHeaders.DEAD_LETTER_SERVICE, service.getBytes(StandardCharsets.UTF_8)));
          return headers;
        });
  }

  /**
   * Dead-letters the record with the given reason, and waits until the broker has it. The WARN log
   * names the record and the reason class; the reason itself, which may quote the record's values,
   * goes to the dead letter's header and to DEBUG.
   */
  public void send(ConsumerRecord<String, byte[]> record, Rejection rejection) {
    ConsumerRecord<String, byte[]> letter = record;
    String why = rejection.reason();
    if (record.value() != null && record.value().length > Limits.MAX_MESSAGE_BYTES) {
      // A value over the message limit, with the dead-letter headers added, may not fit in one
      // produce request (max.request.size, 1 MiB by default): the send would fail on every retry
      // and hold back the partition. Such a value was never read anyway; the dead letter keeps
      // its key, headers, origin and reason, and says how large the value was.
      letter = withoutValue(record);
      why = why + " (value of " + record.value().length + " bytes left out of the dead letter)";
    }
    log.warn(
        "Dead-lettering record {}-{}@{} (key {}): {}",
        letter.topic(),
        letter.partition(),
        letter.offset(),
        letter.key(),
        rejection.reasonClass());
    log.debug("Record {}-{}@{}: {}", letter.topic(), letter.partition(), letter.offset(), why);
    recoverer.accept(letter, new DeadLetterReason(why));
    meters
        .counter(
            "tributary.messages.dead.lettered",
            "topic",
            letter.topic(),
            // Not "service": Prometheus labels every scraped series with its Kubernetes service.
            "tributary_service",
            service,
            "reason",
            rejection.reasonClass())
        .increment();
  }

  private static ConsumerRecord<String, byte[]> withoutValue(
      ConsumerRecord<String, byte[]> record) {
    return new ConsumerRecord<>(
        record.topic(),
        record.partition(),
        record.offset(),
        record.timestamp(),
        record.timestampType(),
        record.serializedKeySize(),
        0,
        record.key(),
        null,
        record.headers(),
        Optional.empty());
  }

  private static String reasonOf(Exception failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof DeadLetterReason reason) {
        return reason.getMessage();
      }
    }
    return String.valueOf(failure.getMessage());
  }

  /** Carries the reason through the recoverer into the headers. */
  static final class DeadLetterReason extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    DeadLetterReason(String reason) {
      super(reason);
      this.reason = reason;
    }

    /** The reason; never null, unlike a {@link Throwable}'s message in general. */
    @Override
    public String getMessage() {
      return reason;
    }
  }
}
