package dev.tributary.processor.deadletter;

import dev.tributary.contracts.Topics;
import dev.tributary.processor.deadletter.DeadLetter.Replayed;
import dev.tributary.store.deadletter.DeadLetterReplays;
import dev.tributary.store.deadletter.Replay;
import dev.tributary.store.deadletter.Replay.Place;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the dead-letter topic for operators: partition by partition, oldest first, from a position,
 * with a consumer of its own that is assigned its partitions (it joins no group) and commits
 * nothing. A read stops when a page is full, or after {@link #SCAN_LIMIT} records, so a rare filter
 * on a long topic answers in pages rather than reading the whole topic at once.
 */
@Component
public class DeadLetterInbox {

  /** Records read at most by one request, whatever its filter matches. */
  static final int SCAN_LIMIT = 10_000;

  /** How long a read waits for the broker before it gives up. */
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final ConsumerFactory<String, byte[]> consumers;
  private final String topic;
  private final DeadLetterReplays replays;

  DeadLetterInbox(
      ConsumerFactory<String, byte[]> consumers, Topics topics, DeadLetterReplays replays) {
    this.consumers = consumers;
    this.topic = topics.deadLetters();
    this.replays = replays;
  }

  /**
   * A page of dead letters.
   *
   * @param letters the dead letters, by partition, then offset
   * @param next where the next page starts; null when the topic has been read to its end
   */
  public record Page(List<Found> letters, @Nullable Position next) {}

  /** A dead letter with the record it was read from, which a replay sends on. */
  public record Found(DeadLetter letter, ConsumerRecord<String, byte[]> record) {}

  /** Up to {@code limit} dead letters that match, from {@code from} (the start when null). */
  public Page page(DeadLetterFilter filter, @Nullable Position from, int limit) {
    Scan scan = new Scan(filter, limit);
    try (Consumer<String, byte[]> consumer = consumer()) {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      for (TopicPartition partition : partitions(consumer)) {
        if (from != null && partition.partition() < from.partition()) {
          continue;
        }
        long start = from != null && partition.partition() == from.partition() ? from.offset() : 0;
        Position stoppedAt = read(consumer, partition, start, scan, deadline);
        if (stoppedAt != null) {
          return scan.page(stoppedAt);
        }
      }
    }
    return scan.page(null);
  }

  /**
   * The dead letters at these positions; those that do not exist (never written, or removed by the
   * topic's retention) are left out.
   */
  public List<Found> at(List<Position> positions) {
    List<Found> found = new ArrayList<>();
    try (Consumer<String, byte[]> consumer = consumer()) {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      List<TopicPartition> partitions = partitions(consumer);
      Map<TopicPartition, Long> firsts = consumer.beginningOffsets(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      for (Position position : positions.stream().sorted().distinct().toList()) {
        TopicPartition partition = new TopicPartition(topic, position.partition());
        if (!partitions.contains(partition)
            || position.offset() < offset(firsts, partition)
            || position.offset() >= offset(ends, partition)) {
          continue;
        }
        consumer.assign(List.of(partition));
        consumer.seek(partition, position.offset());
        letters(poll(consumer, partition, position.offset() + 1, deadline)).stream()
            .filter(letter -> letter.record().offset() == position.offset())
            .forEach(found::add);
      }
    }
    return found;
  }

  /**
   * Up to {@code limit} dead letters that match, from the start of the topic, following pages until
   * there are that many or the topic ends: for a replay by filter, which must not stop at the first
   * {@link #SCAN_LIMIT} records when those are all replayed already.
   */
  public List<Found> matching(DeadLetterFilter filter, int limit) {
    List<Found> found = new ArrayList<>();
    Position from = null;
    do {
      Page page = page(filter, from, limit - found.size());
      found.addAll(page.letters());
      from = page.next();
    } while (from != null && found.size() < limit);
    return found;
  }

  /**
   * Reads the partition from {@code start} to its end into the scan; where the next page starts
   * when the scan is full or has read enough, null when it read the partition to its end.
   */
  private @Nullable Position read(
      Consumer<String, byte[]> consumer,
      TopicPartition partition,
      long start,
      Scan scan,
      long deadline) {
    long end = offset(consumer.endOffsets(List.of(partition)), partition);
    consumer.assign(List.of(partition));
    long first = offset(consumer.beginningOffsets(List.of(partition)), partition);
    consumer.seek(partition, Math.max(start, first));
    while (consumer.position(partition) < end) {
      List<ConsumerRecord<String, byte[]>> batch = poll(consumer, partition, end, deadline);
      if (batch.isEmpty()) {
        break;
      }
      Position next = scan.add(letters(batch), batch.getLast());
      if (next != null) {
        return next;
      }
    }
    return null;
  }

  /** The matches of one page being read, and how many records were read for it. */
  static final class Scan {
    private final DeadLetterFilter filter;
    private final int limit;
    private final List<Found> found = new ArrayList<>();
    private int read;

    Scan(DeadLetterFilter filter, int limit) {
      this.filter = filter;
      this.limit = limit;
    }

    /** Adds a batch's matches; where the next page starts once this one is done, else null. */
    @Nullable Position add(List<Found> batch, ConsumerRecord<?, ?> last) {
      batch.stream().filter(letter -> filter.matches(letter.letter())).forEach(found::add);
      read += batch.size();
      if (found.size() > limit) {
        return position(found.get(limit).record());
      }
      if (found.size() == limit || read >= SCAN_LIMIT) {
        return new Position(last.partition(), last.offset() + 1);
      }
      return null;
    }

    Page page(@Nullable Position next) {
      return new Page(List.copyOf(found.subList(0, Math.min(limit, found.size()))), next);
    }
  }

  private Consumer<String, byte[]> consumer() {
    Properties overrides = new Properties();
    overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
    // A client id of its own: requests may read at once, and Kafka registers each client by id.
    return consumers.createConsumer(
        null, "tributary-dead-letter-inbox", "-" + UUID.randomUUID(), overrides);
  }

  private List<TopicPartition> partitions(Consumer<String, byte[]> consumer) {
    return consumer.partitionsFor(topic, TIMEOUT).stream()
        .map(info -> new TopicPartition(topic, info.partition()))
        .sorted(Comparator.comparingInt(TopicPartition::partition))
        .toList();
  }

  /**
   * The next records of the partition before {@code end}: at least one, or none when the consumer's
   * position reached {@code end} (offsets with no record: transaction markers, or records compacted
   * away). Throws when the broker does not answer before the deadline.
   */
  private List<ConsumerRecord<String, byte[]>> poll(
      Consumer<String, byte[]> consumer, TopicPartition partition, long end, long deadline) {
    while (System.nanoTime() - deadline < 0) {
      List<ConsumerRecord<String, byte[]>> records =
          consumer.poll(Duration.ofMillis(200)).records(partition).stream()
              .filter(r -> r.offset() < end)
              .toList();
      if (!records.isEmpty() || consumer.position(partition) >= end) {
        return records;
      }
    }
    throw new KafkaUnavailableException(
        "reading the dead-letter topic "
            + topic
            + " took longer than "
            + TIMEOUT.toSeconds()
            + " s");
  }

  /** The records as dead letters, each with its last replay: one statement a batch. */
  private List<Found> letters(List<ConsumerRecord<String, byte[]>> records) {
    Map<Place, Replay> replayed =
        replays.lastReplays(
            topic, records.stream().map(r -> new Place(topic, r.partition(), r.offset())).toList());
    return records.stream()
        .map(
            r -> {
              Replay replay = replayed.get(new Place(topic, r.partition(), r.offset()));
              return new Found(DeadLetter.of(r, replay == null ? null : Replayed.of(replay)), r);
            })
        .toList();
  }

  private static long offset(Map<TopicPartition, Long> offsets, TopicPartition partition) {
    Long offset = offsets.get(partition);
    return offset == null ? 0 : offset;
  }

  private static Position position(ConsumerRecord<?, ?> record) {
    return new Position(record.partition(), record.offset());
  }
}
