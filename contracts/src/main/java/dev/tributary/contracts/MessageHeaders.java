package dev.tributary.contracts;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Kafka header names and record keys: the one place to look, for tests and for readers in other
 * languages (the AsyncAPI document says the same). Payloads stay JSON; metadata travels in headers,
 * all of them UTF-8 text unless said otherwise.
 *
 * <p><b>Keys.</b> Every topic but task-requests is keyed by the task id as a lowercase UUID string
 * in UTF-8 ({@link #taskKey(UUID)}, matching {@link #TASK_KEY}), so that every message of a task
 * lands on one partition, in order. A producer that spells the payload's task id in capitals must
 * still lowercase the key: the key's bytes choose the partition.
 *
 * <p><b>Dead letters</b> keep the original record's key, value and headers and add {@link
 * #DEAD_LETTER_REASON} and {@link #DEAD_LETTER_SERVICE}, plus the {@code kafka_dlt-*} headers of
 * Spring Kafka's {@code DeadLetterPublishingRecoverer}, which Tributary's services use to write
 * them. Those names are Spring Kafka's ({@code KafkaHeaders.DLT_*}); they are repeated here so that
 * readers need not depend on Spring.
 */
public final class MessageHeaders {

  /**
   * The key of every message about a task (dispatches, results, scheduling signals, task events):
   * the task id as a lowercase UUID string.
   */
  public static final Pattern TASK_KEY =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /**
   * W3C trace context ({@code 00-<trace id>-<span id>-<flags>}), optional on every message. It
   * flows both ways: a worker copies a dispatch's traceparent (or its own child span's) onto the
   * results it sends for it, and Tributary's services carry a result's onto the dispatches it leads
   * to.
   */
  public static final String TRACEPARENT = "traceparent";

  /** On a dead letter: why it could not be processed, in words a producer can act on. */
  public static final String DEAD_LETTER_REASON = "tributary-dead-letter-reason";

  /** On a dead letter: the service that gave up on it, e.g. {@code tributary-processor}. */
  public static final String DEAD_LETTER_SERVICE = "tributary-dead-letter-service";

  /** On a dead letter (Spring Kafka): the topic the record was read from. */
  public static final String DLT_ORIGINAL_TOPIC = "kafka_dlt-original-topic";

  /**
   * On a dead letter (Spring Kafka): the partition the record was read from, as a binary 4-byte
   * big-endian int, not text.
   */
  public static final String DLT_ORIGINAL_PARTITION = "kafka_dlt-original-partition";

  /**
   * On a dead letter (Spring Kafka): the record's offset in that partition, as a binary 8-byte
   * big-endian long, not text.
   */
  public static final String DLT_ORIGINAL_OFFSET = "kafka_dlt-original-offset";

  /**
   * On a dead letter (Spring Kafka): the record's Kafka timestamp in Unix milliseconds, as a binary
   * 8-byte big-endian long, not text.
   */
  public static final String DLT_ORIGINAL_TIMESTAMP = "kafka_dlt-original-timestamp";

  /**
   * On a dead letter (Spring Kafka): the kind of that timestamp, {@code CreateTime} or {@code
   * LogAppendTime}.
   */
  public static final String DLT_ORIGINAL_TIMESTAMP_TYPE = "kafka_dlt-original-timestamp-type";

  /** On a dead letter (Spring Kafka): the consumer group that read the record. */
  public static final String DLT_ORIGINAL_CONSUMER_GROUP = "kafka_dlt-original-consumer-group";

  /** On a dead letter (Spring Kafka): the class of the exception that stopped processing. */
  public static final String DLT_EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";

  /** On a dead letter (Spring Kafka): the class of that exception's cause, when it has one. */
  public static final String DLT_EXCEPTION_CAUSE_FQCN = "kafka_dlt-exception-cause-fqcn";

  /** On a dead letter (Spring Kafka): that exception's message, when it has one. */
  public static final String DLT_EXCEPTION_MESSAGE = "kafka_dlt-exception-message";

  /** On a dead letter (Spring Kafka): that exception's stack trace. */
  public static final String DLT_EXCEPTION_STACKTRACE = "kafka_dlt-exception-stacktrace";

  private MessageHeaders() {}

  /** The key of a message about this task: its id as a lowercase UUID string. */
  public static String taskKey(UUID taskId) {
    return taskId.toString();
  }
}
