package dev.tributary.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

class JsonCodecTest {

  private static final JsonCodec<StepResult> RESULTS = JsonCodec.of(StepResult.class);
  private static final JsonCodec<TaskRequest> REQUESTS = JsonCodec.of(TaskRequest.class);

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String reason(JsonCodec<?> codec, String json) {
    try {
      codec.decode(bytes(json));
    } catch (InvalidMessageException e) {
      return e.getMessage();
    }
    throw new AssertionError("decoded " + json);
  }

  @Test
  void a_result_round_trips_with_snake_case_fields() {
    StepResult result =
        new StepResult(
            1,
            UuidV7.generate(),
            UuidV7.generate(),
            UuidV7.generate(),
            2,
            new Outcome.Succeeded(
                JsonMapper.shared().readTree("{\"total\": 3}"),
                new Expansion.CreateSteps(List.of("express"))),
            null);

    byte[] json = RESULTS.encode(result);

    assertThat(new String(json, StandardCharsets.UTF_8))
        .contains("\"message_id\"", "\"type\":\"success\"", "\"step_names\":[\"express\"]")
        .doesNotContain("worker");
    assertThat(RESULTS.decode(json)).isEqualTo(result);
  }

  @Test
  void every_outcome_and_expansion_type_round_trips() {
    List<Outcome> outcomes =
        List.of(
            new Outcome.Started(),
            new Outcome.Failed(true, "java.io.IOException", "timeout", 5_000L),
            new Outcome.Checkpointed(JsonMapper.shared().readTree("{\"cursor\": 10}")),
            new Outcome.Succeeded(JsonNodeFactory.instance.nullNode(), new Expansion.NoBranches()),
            new Outcome.Succeeded(JsonNodeFactory.instance.nullNode(), new Expansion.NoBatches()),
            new Outcome.Succeeded(
                JsonNodeFactory.instance.nullNode(), Expansion.CreateBatches.split(1_000, 100)));
    for (Outcome outcome : outcomes) {
      StepResult result =
          new StepResult(
              1, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 1, outcome, null);
      assertThat(RESULTS.decode(RESULTS.encode(result))).isEqualTo(result);
    }
  }

  @Test
  void malformed_json_names_the_problem() {
    assertThat(reason(RESULTS, "{\"task_id\": ")).startsWith("malformed JSON: ");
  }

  @Test
  void a_missing_required_field_is_named() {
    assertThat(
            reason(
                RESULTS,
                """
                {"schema_version": 1, "message_id": "%s", "step_id": "%s", "attempt": 1,
                 "outcome": {"type": "started"}}
                """
                    .formatted(UUID.randomUUID(), UUID.randomUUID())))
        .isEqualTo("invalid StepResult: task_id is required");
  }

  @Test
  void a_missing_schema_version_is_named() {
    assertThat(reason(REQUESTS, "{\"namespace\": \"a\", \"name\": \"b\"}"))
        .isEqualTo("invalid TaskRequest: schema_version is required");
  }

  @Test
  void a_wrong_type_names_the_field() {
    assertThat(
            reason(
                REQUESTS,
                "{\"schema_version\": 1, \"namespace\": \"a\", \"name\": \"b\", \"priority\": \"high\"}"))
        .startsWith("invalid TaskRequest: ")
        .contains("priority");
  }

  @Test
  void an_unknown_outcome_type_is_named() {
    assertThat(
            reason(
                RESULTS,
                """
                {"schema_version": 1, "message_id": "%s", "task_id": "%s", "step_id": "%s",
                 "attempt": 1, "outcome": {"type": "exploded"}}
                """
                    .formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID())))
        .contains("unknown type 'exploded'");
  }

  @Test
  void an_oversized_message_is_rejected_before_parsing() {
    byte[] huge = new byte[Limits.MAX_MESSAGE_BYTES + 1];

    assertThatThrownBy(() -> RESULTS.decode(huge))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessage("message of 1000001 bytes exceeds the limit of 1000000");
  }

  @Test
  void the_json_text_null_is_not_a_message() {
    assertThat(reason(RESULTS, " null "))
        .isEqualTo("the message is JSON null; expected a JSON object (StepResult)");
  }

  @Test
  void a_task_request_with_u0000_is_rejected_naming_where() {
    assertThat(
            reason(
                REQUESTS,
                "{\"schema_version\": 1, \"namespace\": \"a\", \"name\": \"b\","
                    + " \"context\": {\"items\": [{\"name\": \"x\\u0000\"}]}}"))
        .startsWith("invalid TaskRequest: context.items[0].name contains U+0000: ");
  }

  @Test
  void deeply_nested_json_is_rejected() {
    String nested = "[".repeat(1_000) + "]".repeat(1_000);

    assertThat(
            reason(
                REQUESTS,
                "{\"schema_version\": 1, \"namespace\": \"a\", \"name\": \"b\", \"context\": {\"x\": "
                    + nested
                    + "}}"))
        .contains("nesting depth")
        .contains(String.valueOf(Limits.MAX_NESTING_DEPTH));
  }

  @Test
  void an_unsupported_schema_version_is_rejected() {
    assertThat(reason(REQUESTS, "{\"schema_version\": 2, \"namespace\": \"a\", \"name\": \"b\"}"))
        .isEqualTo("invalid TaskRequest: schema_version 2 is not supported; this version reads 1");
  }

  @Test
  void an_instant_reads_from_rfc_3339_with_any_offset_and_precision() {
    String json =
        """
        {"schema_version": 1, "message_id": "%s", "task_id": "%s", "step_id": "%s",
         "attempt": 1, "outcome": {"type": "started"},
         "worker": {"started_at": "2025-06-03T16:22:05.12+02:00",
                    "finished_at": "2025-06-03t14:22:06z"}}
        """
            .formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

    WorkerInfo worker = RESULTS.decode(bytes(json)).worker();

    assertThat(worker).isNotNull();
    assertThat(worker.startedAt()).isEqualTo(Instant.parse("2025-06-03T14:22:05.120Z"));
    assertThat(worker.finishedAt()).isEqualTo(Instant.parse("2025-06-03T14:22:06Z"));
  }

  @Test
  void a_nested_field_is_named_by_its_path_from_the_message() {
    assertThat(
            reason(
                RESULTS,
                """
                {"schema_version": 1, "message_id": "%s", "task_id": "%s", "step_id": "%s",
                 "attempt": 1, "outcome": {"type": "success", "expansion": {"type": "create_steps",
                 "step_names": ["ship", 7]}}}
                """
                    .formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID())))
        .isEqualTo("invalid StepResult: outcome.expansion.step_names[1] must be a string, not 7");
  }

  @Test
  void batches_need_either_cursors_or_a_total_and_a_size() {
    assertThatThrownBy(() -> new Expansion.CreateBatches(null, 10L, null))
        .hasMessage("create_batches needs either cursors or both total_items and batch_size");
  }

  @Test
  void batches_take_cursors_or_a_split_not_both() {
    BatchCursor cursor =
        new BatchCursor(
            "a", JsonNodeFactory.instance.numberNode(0), JsonNodeFactory.instance.numberNode(1));

    assertThatThrownBy(() -> new Expansion.CreateBatches(List.of(cursor), null, 10))
        .hasMessage("create_batches takes either cursors or total_items and batch_size, not both");
  }

  @Test
  void a_null_cursor_is_named_by_its_index() {
    BatchCursor cursor =
        new BatchCursor(
            "a", JsonNodeFactory.instance.numberNode(0), JsonNodeFactory.instance.numberNode(1));
    List<BatchCursor> cursors = new ArrayList<>();
    cursors.add(cursor);
    cursors.add(null);

    assertThatThrownBy(() -> Expansion.CreateBatches.of(cursors))
        .hasMessageStartingWith("cursors[1] is null");
  }

  @Test
  void a_dispatch_with_a_null_checkpoint_has_none() {
    JsonCodec<StepDispatch> dispatches = JsonCodec.of(StepDispatch.class);
    String json =
        """
        {"schema_version": 1, "task_id": "%s", "step_id": "%s", "step_name": "s", "attempt": 1,
         "max_attempts": 1, "namespace": "orders", "handler": "h", "task_context": {},
         "inputs": {}, "checkpoint": null, "dependency_results": {},
         "deadline": "2025-06-03T14:27:07Z"}
        """
            .formatted(UUID.randomUUID(), UUID.randomUUID());

    assertThat(dispatches.decode(bytes(json)).checkpoint()).isNull();
  }

  @Test
  void uuid_v7_ids_are_version_7_and_increasing() {
    UUID first = UuidV7.generate();
    UUID second = UuidV7.generate();

    assertThat(first.version()).isEqualTo(7);
    assertThat(first.variant()).isEqualTo(2);
    assertThat(second).isGreaterThan(first);
    assertThat(UuidV7.millisOf(first))
        .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(5_000L));
  }
}
