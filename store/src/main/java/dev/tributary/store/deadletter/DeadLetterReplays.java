package dev.tributary.store.deadletter;

import static dev.tributary.store.schema.Tables.DEAD_LETTER_REPLAYS;

import dev.tributary.store.deadletter.Replay.Place;
import dev.tributary.store.internal.Arrays;
import dev.tributary.store.internal.Arrays.Rows;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.SQLDataType;

/** The audit record of dead-letter replays, and the last replay of each dead letter. */
public final class DeadLetterReplays {

  private final DSLContext dsl;

  public DeadLetterReplays(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Records a replay. */
  public void record(Replay replay) {
    dsl.insertInto(DEAD_LETTER_REPLAYS)
        .set(DEAD_LETTER_REPLAYS.DEAD_LETTER_TOPIC, replay.letter().topic())
        .set(DEAD_LETTER_REPLAYS.DEAD_LETTER_PARTITION, replay.letter().partition())
        .set(DEAD_LETTER_REPLAYS.DEAD_LETTER_OFFSET, replay.letter().offset())
        .set(DEAD_LETTER_REPLAYS.REPLAY_TOPIC, replay.to().topic())
        .set(DEAD_LETTER_REPLAYS.REPLAY_PARTITION, replay.to().partition())
        .set(DEAD_LETTER_REPLAYS.REPLAY_OFFSET, replay.to().offset())
        .set(DEAD_LETTER_REPLAYS.OPERATOR, replay.operator())
        .set(DEAD_LETTER_REPLAYS.REPLAYED_AT, replay.replayedAt())
        .execute();
  }

  /**
   * The last replay of each of these dead letters (all of one dead-letter topic) that was replayed;
   * one statement whatever the number, by array parameters.
   */
  public Map<Place, Replay> lastReplays(String topic, List<Place> letters) {
    Rows wanted =
        Arrays.zip(
            "wanted",
            List.of("partition", "offset"),
            List.of(
                Arrays.column(letters, Place::partition, SQLDataType.INTEGER),
                Arrays.column(letters, Place::offset, SQLDataType.BIGINT)));
    Map<Place, Replay> replays = new HashMap<>();
    dsl.select(DEAD_LETTER_REPLAYS.fields())
        .from(DEAD_LETTER_REPLAYS)
        .join(wanted.table())
        .on(
            DEAD_LETTER_REPLAYS.DEAD_LETTER_PARTITION.eq(
                wanted.field("partition", SQLDataType.INTEGER)))
        .and(DEAD_LETTER_REPLAYS.DEAD_LETTER_OFFSET.eq(wanted.field("offset", SQLDataType.BIGINT)))
        .where(DEAD_LETTER_REPLAYS.DEAD_LETTER_TOPIC.eq(topic))
        // Oldest first, so that a later replay of a letter replaces an earlier one.
        .orderBy(DEAD_LETTER_REPLAYS.ID)
        .forEach(r -> put(replays, r));
    return replays;
  }

  private static void put(Map<Place, Replay> replays, Record r) {
    Replay replay =
        new Replay(
            new Place(
                r.get(DEAD_LETTER_REPLAYS.DEAD_LETTER_TOPIC),
                r.get(DEAD_LETTER_REPLAYS.DEAD_LETTER_PARTITION),
                r.get(DEAD_LETTER_REPLAYS.DEAD_LETTER_OFFSET)),
            new Place(
                r.get(DEAD_LETTER_REPLAYS.REPLAY_TOPIC),
                r.get(DEAD_LETTER_REPLAYS.REPLAY_PARTITION),
                r.get(DEAD_LETTER_REPLAYS.REPLAY_OFFSET)),
            r.get(DEAD_LETTER_REPLAYS.OPERATOR),
            r.get(DEAD_LETTER_REPLAYS.REPLAYED_AT));
    replays.put(replay.letter(), replay);
  }
}
