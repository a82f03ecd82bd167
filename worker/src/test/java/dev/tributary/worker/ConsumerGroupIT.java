package dev.tributary.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.contracts.StepResult;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Instances of one kind of worker share a consumer group, and so the work. */
class ConsumerGroupIT {

  private static final int STEPS = 20;

  private final FakeScheduler scheduler = new FakeScheduler();

  @AfterEach
  void close() {
    scheduler.close();
  }

  @Test
  void two_instances_in_one_group_split_the_dispatches_and_answer_each_one() {
    String group = "shop-workers-" + UUID.randomUUID();
    for (String id : List.of("a", "b")) {
      scheduler.start(
          TributaryWorker.builder(scheduler.options(group).workerId(id).build())
              .handler("shop", "ship", context -> StepOutcome.success()));
    }
    await().until(() -> scheduler.membersWithPartitions(group) == 2);
    List<StepDispatch> dispatches =
        IntStream.range(0, STEPS).mapToObj(i -> scheduler.dispatch("ship").build()).toList();

    dispatches.forEach(scheduler::send);

    List<StepResult> results =
        scheduler.awaitAllResults(
            rs -> rs.stream().filter(FakeScheduler::isAnswer).count() >= STEPS);
    Set<Object> answered =
        results.stream()
            .filter(r -> r.outcome() instanceof Outcome.Succeeded)
            .map(StepResult::stepId)
            .collect(Collectors.toSet());
    assertThat(answered)
        .containsExactlyInAnyOrderElementsOf(
            dispatches.stream().map(StepDispatch::stepId).toList());
    // Twenty random task ids over four partitions split two and two: both instances work.
    assertThat(results).extracting(r -> r.worker().workerId()).contains("a", "b");
  }
}
