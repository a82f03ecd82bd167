package dev.tributary.processor.deadletter;

import dev.tributary.contracts.MessageHeaders;
import dev.tributary.contracts.Topics;
import dev.tributary.processor.deadletter.DeadLetterInbox.Found;
import dev.tributary.store.deadletter.DeadLetterReplays;
import dev.tributary.store.deadletter.Replay;
import dev.tributary.store.deadletter.Replay.Place;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Sends dead letters back to the topic they were read from, as they were (key, value, headers),
 * without the dead-letter headers and with {@code tributary-replayed-from} naming the dead letter.
 * The consumer of that topic processes a replay as any record: one that fails again is
 * dead-lettered again, with its reason, and is not lost. Each replay the broker acknowledged is
 * recorded with the operator's name.
 */
@Component
public class DeadLetterReplayer {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterReplayer.class);

  /** How long a replay waits for the broker's acknowledgements. */
  private static final long SEND_TIMEOUT_SECONDS = 30;

  private final KafkaTemplate<String, byte[]> kafka;
  private final DeadLetterReplays replays;
  private final Topics topics;
  private final Clock clock;

  DeadLetterReplayer(
      KafkaTemplate<String, byte[]> kafka, DeadLetterReplays replays, Topics topics, Clock clock) {
    this.kafka = kafka;
    this.replays = replays;
    this.topics = topics;
    this.clock = clock;
  }

  /**
   * What a replay did. A letter already replayed is skipped: if its replay failed again, the new
   * dead letter is the one to replay.
   *
   * @param replayed the dead letters sent back, and where each went
   * @param skipped those that could not be, and why
   */
  public record Outcome(List<Sent> replayed, List<Skipped> skipped) {}

  /** A dead letter sent back to its origin topic. */
  public record Sent(String id, String topic, int partition, long offset) {}

  /** A dead letter not sent back, and why. */
  public record Skipped(String id, String reason) {}

  /** Sends the dead letters back, and records each replay once the broker acknowledged it. */
  public Outcome replay(List<Found> letters, String operator) {
    Set<String> origins =
        Set.of(topics.taskRequests(), topics.stepResults(), topics.schedulingSignals());
    List<Skipped> skipped = new ArrayList<>();
    List<Pending> pending = new ArrayList<>();
    for (Found found : letters) {
      String why = refusal(found.letter(), origins);
      if (why != null) {
        skipped.add(new Skipped(found.letter().id(), why));
      } else {
        pending.add(new Pending(found, kafka.send(replayOf(found))));
      }
    }
    List<Sent> sent = new ArrayList<>();
    for (Pending p : pending) {
      String id = p.found().letter().id();
      try {
        var metadata = p.send().get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS).getRecordMetadata();
        // Recorded as soon as the broker has it, so that a failure later in this request does
        // not leave a replayed letter looking as if it was never replayed.
        replays.record(
            new Replay(
                new Place(
                    topics.deadLetters(),
                    p.found().record().partition(),
                    p.found().record().offset()),
                new Place(metadata.topic(), metadata.partition(), metadata.offset()),
                operator,
                clock.instant()));
        sent.add(new Sent(id, metadata.topic(), metadata.partition(), metadata.offset()));
      } catch (ExecutionException | TimeoutException e) {
        skipped.add(
            new Skipped(id, "the broker did not acknowledge the replay: " + e.getMessage()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        skipped.add(new Skipped(id, "interrupted while waiting for the broker"));
      }
    }
    log.info(
        "Operator {} replayed {} dead letters ({} skipped)", operator, sent.size(), skipped.size());
    return new Outcome(List.copyOf(sent), List.copyOf(skipped));
  }

  private record Pending(Found found, CompletableFuture<SendResult<String, byte[]>> send) {}

  private static @Nullable String refusal(DeadLetter letter, Set<String> origins) {
    if (letter.replayed() != null) {
      // A replay that failed again is a new dead letter: that one is the one to replay.
      return "already replayed at "
          + letter.replayed().at()
          + " by "
          + letter.replayed().by()
          + "; if it failed again, it is a new dead letter";
    }
    if (letter.originTopic() == null) {
      return "it does not say which topic it came from";
    }
    if (!origins.contains(letter.originTopic())) {
      return "its origin topic " + letter.originTopic() + " is not one Tributary's services read";
    }
    if (letter.valueBytes() == null) {
      return "it has no value (a tombstone, or one too large to keep): there is nothing to replay";
    }
    return null;
  }

  private static ProducerRecord<String, byte[]> replayOf(Found found) {
    RecordHeaders headers = new RecordHeaders();
    found
        .record()
        .headers()
        .forEach(
            header -> {
              if (!isDeadLetterHeader(header.key())) {
                headers.add(header);
              }
            });
    headers.add(
        new RecordHeader(
            DeadLetter.REPLAYED_FROM, found.letter().id().getBytes(StandardCharsets.UTF_8)));
    return new ProducerRecord<>(
        found.letter().originTopic(), null, found.record().key(), found.record().value(), headers);
  }

  private static boolean isDeadLetterHeader(String name) {
    return name.startsWith("kafka_dlt-")
        || name.equals(MessageHeaders.DEAD_LETTER_REASON)
        || name.equals(MessageHeaders.DEAD_LETTER_SERVICE)
        || name.equals(DeadLetter.REPLAYED_FROM);
  }
}
