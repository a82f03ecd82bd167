package dev.tributary.store.deadletter;

import java.time.Instant;

/**
 * A dead letter sent back to its origin topic.
 *
 * @param letter the dead letter's place in the dead-letter topic
 * @param to the replayed record's place in the origin topic
 * @param operator who replayed it
 * @param replayedAt when
 */
public record Replay(Place letter, Place to, String operator, Instant replayedAt) {

  /** A record's place in Kafka. */
  public record Place(String topic, int partition, long offset) {}
}
