package dev.tributary.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BatchCursorTest {

  private static JsonNode json(String json) {
    return JsonMapper.shared().readTree(json);
  }

  private static BatchCursor cursor(String batchId, long start, long end) {
    return new BatchCursor(batchId, json(Long.toString(start)), json(Long.toString(end)));
  }

  @Test
  void a_split_has_item_numbers_and_zero_padded_indexes_as_batch_ids() {
    Expansion.CreateBatches split = Expansion.CreateBatches.split(120_000, 5_000);

    assertThat(split.batchCount()).isEqualTo(24);
    assertThat(split.cursor(0)).isEqualTo(cursor("00", 0, 5_000));
    assertThat(split.cursor(1)).isEqualTo(cursor("01", 5_000, 10_000));
    assertThat(split.cursor(23)).isEqualTo(cursor("23", 115_000, 120_000));
  }

  @Test
  void the_last_batch_of_a_split_may_be_smaller_and_the_width_is_that_of_the_largest_index() {
    Expansion.CreateBatches tenBatches = Expansion.CreateBatches.split(100, 10);
    Expansion.CreateBatches elevenBatches = Expansion.CreateBatches.split(101, 10);

    assertThat(tenBatches.batchCount()).isEqualTo(10);
    assertThat(tenBatches.cursor(9)).isEqualTo(cursor("9", 90, 100));
    assertThat(elevenBatches.batchCount()).isEqualTo(11);
    assertThat(elevenBatches.cursor(0)).isEqualTo(cursor("00", 0, 10));
    assertThat(elevenBatches.cursor(10)).isEqualTo(cursor("10", 100, 101));
  }

  @Test
  void a_split_covers_every_item_once() {
    Expansion.CreateBatches split = Expansion.CreateBatches.split(1_003, 7);

    List<BatchCursor> cursors =
        LongStream.range(0, split.batchCount()).mapToObj(split::cursor).toList();

    assertThat(cursors.getFirst().start().asLong()).isZero();
    assertThat(cursors.getLast().end().asLong()).isEqualTo(1_003);
    for (int i = 1; i < cursors.size(); i++) {
      assertThat(cursors.get(i).start()).isEqualTo(cursors.get(i - 1).end());
    }
  }

  @Test
  void a_split_of_nothing_has_no_batches() {
    Expansion.CreateBatches split = Expansion.CreateBatches.split(0, 10);

    assertThat(split.batchCount()).isZero();
    assertThatThrownBy(() -> split.cursor(0)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void explicit_cursors_are_the_batches_in_order() {
    BatchCursor first =
        new BatchCursor("2025-05-a", json("\"2025-05-01\""), json("\"2025-05-16\""));
    BatchCursor second =
        new BatchCursor("2025-05-b", json("\"2025-05-16\""), json("\"2025-06-01\""));
    Expansion.CreateBatches batches = Expansion.CreateBatches.of(List.of(first, second));

    assertThat(batches.batchCount()).isEqualTo(2);
    assertThat(batches.cursor(1)).isEqualTo(second);
  }

  @Test
  void the_batch_methods_are_not_on_the_wire() {
    JsonCodec<StepResult> codec = JsonCodec.of(StepResult.class);
    StepResult result =
        new StepResult(
            1,
            UuidV7.generate(),
            UuidV7.generate(),
            UuidV7.generate(),
            1,
            new Outcome.Succeeded(json("null"), Expansion.CreateBatches.split(10, 5)),
            null);

    assertThat(new String(codec.encode(result), StandardCharsets.UTF_8))
        .contains("\"total_items\":10")
        .doesNotContain("batch_count", "cursor\"", "inputs");
  }

  @Test
  void a_cursor_is_its_batch_workers_inputs_and_reads_back_from_them() {
    BatchCursor cursor = cursor("01", 5_000, 10_000);

    JsonNode inputs = cursor.toInputs();

    assertThat(inputs).isEqualTo(json("{\"batch_id\": \"01\", \"start\": 5000, \"end\": 10000}"));
    assertThat(BatchCursor.fromInputs(inputs)).contains(cursor);
  }

  @Test
  void inputs_that_are_not_a_cursor_hold_none() {
    assertThat(BatchCursor.fromInputs(json("{}"))).isEmpty();
    assertThat(BatchCursor.fromInputs(json("[]"))).isEmpty();
    assertThat(BatchCursor.fromInputs(json("{\"batch_id\": \"01\", \"start\": 0}"))).isEmpty();
    assertThat(BatchCursor.fromInputs(json("{\"batch_id\": 1, \"start\": 0, \"end\": 1}")))
        .isEmpty();
    assertThat(BatchCursor.fromInputs(json("{\"batch_id\": \"a b\", \"start\": 0, \"end\": 1}")))
        .isEmpty();
    assertThat(BatchCursor.fromInputs(json("{\"batch_id\": \"a\", \"start\": null, \"end\": 1}")))
        .isEmpty();
  }
}
