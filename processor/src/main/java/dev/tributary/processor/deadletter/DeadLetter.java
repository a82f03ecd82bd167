package dev.tributary.processor.deadletter;

import dev.tributary.contracts.MessageHeaders;
import dev.tributary.store.deadletter.Replay;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * A record some consumer could not process, as the dead-letter topic holds it.
 *
 * @param id its place in the dead-letter topic, {@code <partition>-<offset>}
 * @param timestamp when it was dead-lettered
 * @param reason why, in words a producer can act on
 * @param service the service that gave up on it
 * @param originTopic the topic it was read from
 * @param originPartition that topic's partition
 * @param originOffset its offset there
 * @param key its key
 * @param valueBytes its value's size; null when the value was too large to keep
 * @param replayOf the id of the dead letter it is a replay of, when it is one that failed again
 * @param replayed its last replay, when it was replayed
 */
public record DeadLetter(
    String id,
    Instant timestamp,
    @Nullable String reason,
    @Nullable String service,
    @Nullable String originTopic,
    @Nullable Integer originPartition,
    @Nullable Long originOffset,
    @Nullable String key,
    @Nullable Integer valueBytes,
    @Nullable String replayOf,
    @Nullable Replayed replayed) {

  /** On a replayed record: the id of the dead letter it replays. */
  static final String REPLAYED_FROM = "tributary-replayed-from";

  /**
   * A replay of the dead letter.
   *
   * @param at when
   * @param by the operator
   * @param topic the topic it went to
   * @param partition its partition there
   * @param offset its offset there
   */
  public record Replayed(Instant at, String by, String topic, int partition, long offset) {
    static Replayed of(Replay replay) {
      return new Replayed(
          replay.replayedAt(),
          replay.operator(),
          replay.to().topic(),
          replay.to().partition(),
          replay.to().offset());
    }
  }

  static DeadLetter of(ConsumerRecord<String, byte[]> record, @Nullable Replayed replayed) {
    Headers headers = record.headers();
    byte[] partition = bytes(headers, MessageHeaders.DLT_ORIGINAL_PARTITION);
    byte[] offset = bytes(headers, MessageHeaders.DLT_ORIGINAL_OFFSET);
    return new DeadLetter(
        new Position(record.partition(), record.offset()).toString(),
        Instant.ofEpochMilli(record.timestamp()),
        text(headers, MessageHeaders.DEAD_LETTER_REASON),
        text(headers, MessageHeaders.DEAD_LETTER_SERVICE),
        text(headers, MessageHeaders.DLT_ORIGINAL_TOPIC),
        partition != null && partition.length == Integer.BYTES
            ? ByteBuffer.wrap(partition).getInt()
            : null,
        offset != null && offset.length == Long.BYTES ? ByteBuffer.wrap(offset).getLong() : null,
        record.key(),
        record.value() == null ? null : record.value().length,
        text(headers, REPLAYED_FROM),
        replayed);
  }

  static @Nullable String text(Headers headers, String name) {
    byte[] value = bytes(headers, name);
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  private static byte @Nullable [] bytes(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null ? null : header.value();
  }
}
