package dev.tributary.scheduler.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.Limits;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.contracts.UuidV7;
import dev.tributary.store.dispatch.ClaimedStep;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DispatchMessagesTest {

  private static final JsonCodec<StepDispatch> DISPATCHES = JsonCodec.of(StepDispatch.class);
  private static final tools.jackson.databind.json.JsonMapper JSON =
      tools.jackson.databind.json.JsonMapper.shared();

  private static ClaimedStep step(
      String context, String dependencies, int dependencyCount, int omitted) {
    return new ClaimedStep(
        UuidV7.generate(),
        UuidV7.generate(),
        "merge",
        2,
        3,
        "orders",
        "orders.merge",
        context,
        "{}",
        "{\"cursor\": 4}",
        dependencies,
        dependencyCount,
        omitted,
        "order-7",
        Instant.parse("2026-11-22T10:00:00Z"),
        30_000,
        null);
  }

  @Test
  void a_dispatch_carries_the_claimed_step_and_its_dependency_results() {
    StepDispatch dispatch =
        DISPATCHES.decode(
            DispatchMessages.encode(
                    step("{\"order\": 7}", "{\"a\": {\"n\": 1}, \"b\": null}", 5, 3))
                .orElseThrow());

    assertThat(dispatch.attempt()).isEqualTo(2);
    assertThat(dispatch.taskContext().get("order").asInt()).isEqualTo(7);
    assertThat(dispatch.checkpoint().get("cursor").asInt()).isEqualTo(4);
    assertThat(dispatch.dependencyResults()).containsOnlyKeys("a", "b");
    assertThat(dispatch.dependencyResultsOmitted()).isEqualTo(3);
  }

  @Test
  void the_dispatch_is_the_json_the_contract_codec_writes_for_the_same_message() {
    ClaimedStep step = step("{\"order\": 7}", "{\"a\": {\"n\": [1, 2]}}", 2, 1);
    StepDispatch expected =
        new StepDispatch(
            StepDispatch.SCHEMA_VERSION,
            step.taskId(),
            step.stepId(),
            "merge",
            2,
            3,
            "orders",
            "orders.merge",
            JSON.readTree("{\"order\": 7}"),
            JSON.createObjectNode(),
            JSON.readTree("{\"cursor\": 4}"),
            java.util.Map.of("a", JSON.readTree("{\"n\": [1, 2]}")),
            1,
            "order-7",
            step.deadline(),
            step.timeoutMs());

    byte[] fast = DispatchMessages.encode(step).orElseThrow();

    assertThat(JSON.readTree(fast)).isEqualTo(JSON.readTree(DISPATCHES.encode(expected)));
    assertThat(DISPATCHES.decode(fast)).isEqualTo(expected);
  }

  @Test
  void dependency_results_that_make_it_too_large_are_left_out_and_counted() {
    String large =
        "{\"a\": \"" + "x".repeat(Limits.MAX_DISPATCH_BYTES_WITH_DEPENDENCY_RESULTS) + "\"}";

    StepDispatch dispatch =
        DISPATCHES.decode(DispatchMessages.encode(step("{}", large, 1, 0)).orElseThrow());

    assertThat(dispatch.dependencyResults()).isEmpty();
    assertThat(dispatch.dependencyResultsOmitted()).isEqualTo(1);
  }

  @Test
  void a_step_too_large_to_dispatch_even_without_dependency_results_has_no_message() {
    String large = "{\"blob\": \"" + "x".repeat(Limits.MAX_MESSAGE_BYTES) + "\"}";

    Optional<byte[]> message = DispatchMessages.encode(step(large, "{}", 0, 0));

    assertThat(message).isEmpty();
  }
}
