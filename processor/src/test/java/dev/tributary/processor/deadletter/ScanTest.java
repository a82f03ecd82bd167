package dev.tributary.processor.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.MessageHeaders;
import dev.tributary.processor.deadletter.DeadLetterInbox.Found;
import dev.tributary.processor.deadletter.DeadLetterInbox.Scan;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Where a page of dead letters ends and the next begins. */
class ScanTest {

  private static final DeadLetterFilter FROM_RESULTS =
      new DeadLetterFilter("step-results", null, false);

  @Test
  void a_page_that_fills_in_a_batch_continues_at_the_first_match_it_leaves_out() {
    Scan scan = new Scan(FROM_RESULTS, 2);
    // Offsets 10..14 of partition 1: results at 10, 12, 13; a task request at 11 and 14.
    List<Found> batch =
        batch(
            1,
            10,
            "step-results",
            "task-requests",
            "step-results",
            "step-results",
            "task-requests");

    Position next = scan.add(batch, batch.getLast().record());

    assertThat(next).isEqualTo(new Position(1, 13));
    assertThat(scan.page(next).letters())
        .extracting(f -> f.letter().id())
        .containsExactly("1-10", "1-12");
  }

  @Test
  void a_page_that_fills_at_the_end_of_a_batch_continues_after_it() {
    Scan scan = new Scan(FROM_RESULTS, 2);
    List<Found> batch = batch(0, 0, "task-requests", "step-results", "step-results");

    assertThat(scan.add(batch, batch.getLast().record())).isEqualTo(new Position(0, 3));
  }

  @Test
  void a_page_not_yet_full_asks_for_more_until_the_scan_limit() {
    Scan scan = new Scan(FROM_RESULTS, 2);
    List<Found> none = batch(0, 0, "task-requests");
    assertThat(scan.add(none, none.getLast().record())).isNull();

    String[] requests =
        LongStream.range(0, DeadLetterInbox.SCAN_LIMIT)
            .mapToObj(i -> "task-requests")
            .toArray(String[]::new);
    List<Found> many = batch(0, 1, requests);
    assertThat(scan.add(many, many.getLast().record()))
        .as("read enough: the next page starts after what was read")
        .isEqualTo(new Position(0, 1 + DeadLetterInbox.SCAN_LIMIT));
    assertThat(scan.page(null).letters()).isEmpty();
  }

  private static List<Found> batch(int partition, long firstOffset, String... origins) {
    return LongStream.range(0, origins.length)
        .mapToObj(
            i -> {
              ConsumerRecord<String, byte[]> record =
                  new ConsumerRecord<>(
                      "dead-letters", partition, firstOffset + i, "key", new byte[] {1});
              record
                  .headers()
                  .add(
                      MessageHeaders.DLT_ORIGINAL_TOPIC,
                      origins[(int) i].getBytes(StandardCharsets.UTF_8));
              return new Found(DeadLetter.of(record, null), record);
            })
        .toList();
  }
}
