package dev.tributary.core.state;

import static dev.tributary.contracts.TaskState.BLOCKED_BY_FAILURES;
import static dev.tributary.contracts.TaskState.CANCELLED;
import static dev.tributary.contracts.TaskState.COMPLETE;
import static dev.tributary.contracts.TaskState.IN_PROGRESS;
import static dev.tributary.contracts.TaskState.PENDING;
import static dev.tributary.contracts.TaskState.RESOLVED_MANUALLY;
import static dev.tributary.contracts.TaskState.WAITING_FOR_RETRY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.TaskState;
import dev.tributary.core.state.TaskMachine.Event;
import dev.tributary.core.state.TaskMachine.Row;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TaskMachineTest {

  private static final List<TaskState> UNFINISHED =
      List.of(PENDING, IN_PROGRESS, WAITING_FOR_RETRY, BLOCKED_BY_FAILURES);
  private static final List<TaskState> DECIDABLE =
      List.of(COMPLETE, IN_PROGRESS, WAITING_FOR_RETRY, BLOCKED_BY_FAILURES);

  /**
   * The machine as documented: enqueuing a step moves a pending or retrying task in progress; a
   * decision may move an unfinished task to any state a decision gives but its own; an operator may
   * cancel an unfinished task.
   */
  static List<Row> documentedRows() {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row(PENDING, Event.STEP_ENQUEUED, IN_PROGRESS));
    rows.add(new Row(WAITING_FOR_RETRY, Event.STEP_ENQUEUED, IN_PROGRESS));
    for (TaskState from : UNFINISHED) {
      DECIDABLE.stream()
          .filter(to -> to != from)
          .forEach(to -> rows.add(new Row(from, Event.STEPS_DECIDED, to)));
      rows.add(new Row(from, Event.CANCELLED, CANCELLED));
    }
    return rows;
  }

  @Test
  void the_table_holds_exactly_the_documented_rows() {
    assertThat(TaskMachine.TABLE).containsExactlyInAnyOrderElementsOf(documentedRows());
    assertThat(TaskMachine.TABLE).hasSize(2 + 4 + 3 * 3 + 4);
  }

  @ParameterizedTest
  @MethodSource("documentedRows")
  void each_row_is_allowed(Row row) {
    assertThat(TaskMachine.allows(row.from(), row.event(), row.to())).isTrue();
  }

  @Test
  void every_change_without_a_row_is_not_allowed() {
    List<Row> documented = documentedRows();
    List<Row> allowedWithoutRow = new ArrayList<>();
    for (TaskState from : TaskState.values()) {
      for (Event event : Event.values()) {
        for (TaskState to : TaskState.values()) {
          Row row = new Row(from, event, to);
          if (!documented.contains(row) && TaskMachine.allows(from, event, to)) {
            allowedWithoutRow.add(row);
          }
        }
      }
    }

    assertThat(allowedWithoutRow).isEmpty();
    assertThat(TaskMachine.allows(IN_PROGRESS, Event.STEP_ENQUEUED, IN_PROGRESS)).isFalse();
    assertThat(TaskMachine.allows(BLOCKED_BY_FAILURES, Event.STEP_ENQUEUED, IN_PROGRESS)).isFalse();
  }

  @Test
  void finished_and_unfinished_partition_the_task_states() {
    assertThat(TaskMachine.UNFINISHED).containsExactlyInAnyOrderElementsOf(UNFINISHED);
    assertThat(TaskMachine.FINISHED)
        .containsExactlyInAnyOrder(COMPLETE, CANCELLED, RESOLVED_MANUALLY);
    assertThat(TaskMachine.FINISHED).doesNotContainAnyElementsOf(TaskMachine.UNFINISHED);
    Set<TaskState> union = EnumSet.copyOf(TaskMachine.FINISHED);
    union.addAll(TaskMachine.UNFINISHED);
    assertThat(union).containsExactlyInAnyOrder(TaskState.values());
  }

  @Test
  void no_row_leaves_a_finished_task() {
    assertThat(TaskMachine.TABLE)
        .extracting(Row::from)
        .doesNotContainAnyElementsOf(TaskMachine.FINISHED);
  }

  @Test
  void no_row_returns_a_task_to_pending_or_resolves_it_by_hand() {
    assertThat(TaskMachine.TABLE).extracting(Row::to).doesNotContain(PENDING, RESOLVED_MANUALLY);
  }

  @Test
  void every_unfinished_task_can_finish_by_a_decision_or_by_cancelling() {
    for (TaskState from : TaskMachine.UNFINISHED) {
      assertThat(TaskMachine.allows(from, Event.STEPS_DECIDED, COMPLETE)).as("%s", from).isTrue();
      assertThat(TaskMachine.allows(from, Event.CANCELLED, CANCELLED)).as("%s", from).isTrue();
    }
  }

  @Test
  void sources_are_the_states_an_event_leaves() {
    assertThat(TaskMachine.sources(Event.STEP_ENQUEUED))
        .containsExactlyInAnyOrder(PENDING, WAITING_FOR_RETRY);
    assertThat(TaskMachine.sources(Event.STEPS_DECIDED)).isEqualTo(TaskMachine.UNFINISHED);
    assertThat(TaskMachine.sources(Event.CANCELLED)).isEqualTo(TaskMachine.UNFINISHED);
  }

  @Test
  void decisions_enter_exactly_the_states_a_decision_can_give() {
    assertThat(TaskMachine.TABLE.stream().filter(r -> r.event() == Event.STEPS_DECIDED))
        .extracting(Row::to)
        .hasSameElementsAs(TaskDecision.OUTCOMES);
  }
}
