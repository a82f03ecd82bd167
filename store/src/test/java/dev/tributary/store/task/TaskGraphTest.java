package dev.tributary.store.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.StepState;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskGraphTest {

  @Test
  void a_group_is_in_error_while_any_worker_is_and_complete_only_when_all_are() {
    assertThat(TaskGraph.groupState(Map.of(StepState.COMPLETE, 9_998, StepState.ERROR, 1)))
        .isEqualTo(StepState.ERROR);
    assertThat(TaskGraph.groupState(Map.of(StepState.COMPLETE, 5, StepState.PENDING, 1)))
        .isEqualTo(StepState.PENDING);
    assertThat(TaskGraph.groupState(Map.of(StepState.COMPLETE, 10_000)))
        .isEqualTo(StepState.COMPLETE);
  }

  @Test
  void every_state_alone_speaks_for_itself() {
    for (StepState state : StepState.values()) {
      assertThat(TaskGraph.groupState(Map.of(state, 3))).isEqualTo(state);
    }
  }
}
