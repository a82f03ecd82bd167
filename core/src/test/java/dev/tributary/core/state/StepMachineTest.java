package dev.tributary.core.state;

import static dev.tributary.contracts.StepState.CANCELLED;
import static dev.tributary.contracts.StepState.COMPLETE;
import static dev.tributary.contracts.StepState.ENQUEUED;
import static dev.tributary.contracts.StepState.ERROR;
import static dev.tributary.contracts.StepState.IN_PROGRESS;
import static dev.tributary.contracts.StepState.PENDING;
import static dev.tributary.contracts.StepState.RESOLVED_MANUALLY;
import static dev.tributary.contracts.StepState.WAITING_FOR_RETRY;
import static dev.tributary.core.state.StepEvent.CHECKPOINTED;
import static dev.tributary.core.state.StepEvent.CLAIMED;
import static dev.tributary.core.state.StepEvent.FAILED;
import static dev.tributary.core.state.StepEvent.OPERATOR_RESOLVED;
import static dev.tributary.core.state.StepEvent.OPERATOR_RETRIED;
import static dev.tributary.core.state.StepEvent.OUTCOME_INVALID;
import static dev.tributary.core.state.StepEvent.STARTED;
import static dev.tributary.core.state.StepEvent.SUCCEEDED;
import static dev.tributary.core.state.StepEvent.TASK_CANCELLED;
import static dev.tributary.core.state.StepGuard.ALWAYS;
import static dev.tributary.core.state.StepGuard.READY;
import static dev.tributary.core.state.StepGuard.RETRY_ALLOWED;
import static dev.tributary.core.state.StepGuard.RETRY_DUE;
import static dev.tributary.core.state.StepGuard.RETRY_NOT_ALLOWED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.contracts.StepState;
import dev.tributary.core.state.StepMachine.Row;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class StepMachineTest {

  /** The machine as documented, written out row by row, independently of the table's code. */
  static List<Row> documentedRows() {
    return List.of(
        new Row(PENDING, CLAIMED, READY, ENQUEUED),
        new Row(WAITING_FOR_RETRY, CLAIMED, RETRY_DUE, ENQUEUED),
        new Row(ENQUEUED, STARTED, ALWAYS, IN_PROGRESS),
        new Row(ENQUEUED, CHECKPOINTED, ALWAYS, IN_PROGRESS),
        new Row(IN_PROGRESS, CHECKPOINTED, ALWAYS, IN_PROGRESS),
        new Row(ENQUEUED, SUCCEEDED, ALWAYS, COMPLETE),
        new Row(IN_PROGRESS, SUCCEEDED, ALWAYS, COMPLETE),
        new Row(ENQUEUED, OUTCOME_INVALID, ALWAYS, ERROR),
        new Row(IN_PROGRESS, OUTCOME_INVALID, ALWAYS, ERROR),
        new Row(ENQUEUED, FAILED, RETRY_ALLOWED, WAITING_FOR_RETRY),
        new Row(IN_PROGRESS, FAILED, RETRY_ALLOWED, WAITING_FOR_RETRY),
        new Row(ENQUEUED, FAILED, RETRY_NOT_ALLOWED, ERROR),
        new Row(IN_PROGRESS, FAILED, RETRY_NOT_ALLOWED, ERROR),
        new Row(ENQUEUED, StepEvent.NOT_PICKED_UP, StepGuard.MAY_WAIT, WAITING_FOR_RETRY),
        new Row(ENQUEUED, StepEvent.NOT_PICKED_UP, StepGuard.SCHEDULE_TO_START_PASSED, ERROR),
        new Row(ERROR, OPERATOR_RETRIED, ALWAYS, PENDING),
        new Row(PENDING, OPERATOR_RESOLVED, ALWAYS, RESOLVED_MANUALLY),
        new Row(ENQUEUED, OPERATOR_RESOLVED, ALWAYS, RESOLVED_MANUALLY),
        new Row(IN_PROGRESS, OPERATOR_RESOLVED, ALWAYS, RESOLVED_MANUALLY),
        new Row(WAITING_FOR_RETRY, OPERATOR_RESOLVED, ALWAYS, RESOLVED_MANUALLY),
        new Row(ERROR, OPERATOR_RESOLVED, ALWAYS, RESOLVED_MANUALLY),
        new Row(PENDING, TASK_CANCELLED, ALWAYS, CANCELLED),
        new Row(ENQUEUED, TASK_CANCELLED, ALWAYS, CANCELLED),
        new Row(IN_PROGRESS, TASK_CANCELLED, ALWAYS, CANCELLED),
        new Row(WAITING_FOR_RETRY, TASK_CANCELLED, ALWAYS, CANCELLED));
  }

  @Test
  void the_table_holds_exactly_the_documented_rows() {
    assertThat(StepMachine.TABLE).containsExactlyInAnyOrderElementsOf(documentedRows());
  }

  @ParameterizedTest
  @MethodSource("documentedRows")
  void each_row_takes_its_state_and_event_under_its_guard_to_its_target(Row row) {
    assertThat(StepMachine.next(row.from(), row.event(), row.guard())).contains(row.to());
  }

  @Test
  void every_state_event_and_guard_without_a_row_leads_nowhere() {
    Set<List<Object>> withRow =
        documentedRows().stream()
            .map(r -> List.<Object>of(r.from(), r.event(), r.guard()))
            .collect(Collectors.toSet());
    List<String> unexpected = new ArrayList<>();
    int checked = 0;
    for (StepState from : StepState.values()) {
      for (StepEvent event : StepEvent.values()) {
        for (StepGuard guard : StepGuard.values()) {
          if (!withRow.contains(List.of(from, event, guard))) {
            checked++;
            StepMachine.next(from, event, guard)
                .ifPresent(to -> unexpected.add(from + " " + event + " [" + guard + "] -> " + to));
          }
        }
      }
    }

    assertThat(unexpected).isEmpty();
    assertThat(checked)
        .isEqualTo(
            StepState.values().length * StepEvent.values().length * StepGuard.values().length
                - documentedRows().size());
  }

  @Test
  void no_two_rows_share_a_state_event_and_guard() {
    assertThat(StepMachine.TABLE.stream().map(r -> List.of(r.from(), r.event(), r.guard())))
        .doesNotHaveDuplicates();
  }

  @Test
  void the_named_sets_are_the_documented_states() {
    assertThat(StepMachine.IN_FLIGHT).containsExactlyInAnyOrder(ENQUEUED, IN_PROGRESS);
    assertThat(StepMachine.OPEN)
        .containsExactlyInAnyOrder(PENDING, ENQUEUED, IN_PROGRESS, WAITING_FOR_RETRY);
    assertThat(StepMachine.SATISFIES_DEPENDENTS)
        .containsExactlyInAnyOrder(COMPLETE, RESOLVED_MANUALLY);
    assertThat(StepMachine.FINAL).containsExactlyInAnyOrder(COMPLETE, CANCELLED, RESOLVED_MANUALLY);
  }

  @Test
  void final_states_have_no_outgoing_row_and_every_other_state_has_one() {
    Set<StepState> left = EnumSet.noneOf(StepState.class);
    StepMachine.TABLE.forEach(r -> left.add(r.from()));

    assertThat(left).doesNotContainAnyElementsOf(StepMachine.FINAL);
    assertThat(EnumSet.complementOf(EnumSet.copyOf(StepMachine.FINAL)))
        .containsExactlyInAnyOrderElementsOf(left);
  }

  @Test
  void every_state_is_reachable_from_pending() {
    assertThat(reachableFrom(PENDING)).containsExactlyInAnyOrder(StepState.values());
  }

  @Test
  void every_state_that_is_not_final_can_still_reach_a_final_one() {
    for (StepState state : EnumSet.complementOf(EnumSet.copyOf(StepMachine.FINAL))) {
      assertThat(reachableFrom(state))
          .as("from %s", state)
          .containsAnyElementsOf(StepMachine.FINAL);
    }
  }

  @Test
  void a_step_satisfies_its_dependents_only_in_a_final_state() {
    assertThat(StepMachine.FINAL).containsAll(StepMachine.SATISFIES_DEPENDENTS);
  }

  @Test
  void in_flight_steps_are_open_and_open_steps_are_not_final() {
    assertThat(StepMachine.OPEN).containsAll(StepMachine.IN_FLIGHT);
    assertThat(StepMachine.OPEN).doesNotContainAnyElementsOf(StepMachine.FINAL);
  }

  @Test
  void every_worker_outcome_applies_to_exactly_the_in_flight_states() {
    for (StepEvent event : List.of(CHECKPOINTED, SUCCEEDED, OUTCOME_INVALID, FAILED)) {
      assertThat(StepMachine.sources(event)).as("%s", event).isEqualTo(StepMachine.IN_FLIGHT);
    }
  }

  @Test
  void cancelling_a_task_cancels_exactly_its_open_steps() {
    assertThat(StepMachine.sources(TASK_CANCELLED)).isEqualTo(StepMachine.OPEN);
    assertThat(StepMachine.targets(TASK_CANCELLED)).containsExactly(CANCELLED);
  }

  @Test
  void an_errored_step_is_neither_open_nor_final_and_only_an_operator_moves_it() {
    assertThat(StepMachine.OPEN).doesNotContain(ERROR);
    assertThat(StepMachine.FINAL).doesNotContain(ERROR);
    assertThat(StepMachine.TABLE.stream().filter(r -> r.from() == ERROR).map(Row::event))
        .containsExactlyInAnyOrder(OPERATOR_RETRIED, OPERATOR_RESOLVED);
  }

  @Test
  void sources_are_the_states_an_event_leaves() {
    assertThat(StepMachine.sources(CLAIMED)).containsExactlyInAnyOrder(PENDING, WAITING_FOR_RETRY);
    assertThat(StepMachine.sources(STARTED)).containsExactly(ENQUEUED);
    assertThat(StepMachine.sources(OPERATOR_RETRIED)).containsExactly(ERROR);
    assertThat(StepMachine.sources(OPERATOR_RESOLVED))
        .containsExactlyInAnyOrder(PENDING, ENQUEUED, IN_PROGRESS, WAITING_FOR_RETRY, ERROR);
  }

  @ParameterizedTest
  @CsvSource({
    "CLAIMED, READY, PENDING",
    "CLAIMED, RETRY_DUE, WAITING_FOR_RETRY",
    "STARTED, ALWAYS, ENQUEUED",
    "OPERATOR_RETRIED, ALWAYS, ERROR"
  })
  void source_is_the_one_state_a_row_leaves(StepEvent event, StepGuard guard, StepState from) {
    assertThat(StepMachine.source(event, guard)).isEqualTo(from);
  }

  @Test
  void source_of_an_event_and_guard_without_a_row_is_refused() {
    assertThatThrownBy(() -> StepMachine.source(CLAIMED, ALWAYS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CLAIMED [ALWAYS] leaves [], not one state");
  }

  @Test
  void source_of_an_event_and_guard_whose_rows_leave_several_states_is_refused() {
    assertThatThrownBy(() -> StepMachine.source(SUCCEEDED, ALWAYS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SUCCEEDED [ALWAYS] leaves [ENQUEUED, IN_PROGRESS], not one state");
  }

  @ParameterizedTest
  @CsvSource({
    "CLAIMED, ENQUEUED",
    "STARTED, IN_PROGRESS",
    "CHECKPOINTED, IN_PROGRESS",
    "SUCCEEDED, COMPLETE",
    "OUTCOME_INVALID, ERROR",
    "OPERATOR_RETRIED, PENDING",
    "OPERATOR_RESOLVED, RESOLVED_MANUALLY",
    "TASK_CANCELLED, CANCELLED"
  })
  void target_is_the_one_state_an_event_enters(StepEvent event, StepState to) {
    assertThat(StepMachine.target(event)).isEqualTo(to);
    assertThat(StepMachine.targets(event)).containsExactly(to);
  }

  @Test
  void target_of_an_event_entering_several_states_is_refused() {
    assertThat(StepMachine.targets(FAILED)).containsExactlyInAnyOrder(WAITING_FOR_RETRY, ERROR);
    assertThatThrownBy(() -> StepMachine.target(FAILED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("FAILED enters [WAITING_FOR_RETRY, ERROR], not one state");
  }

  @Test
  void the_table_and_the_sets_cannot_be_changed() {
    assertThatThrownBy(() -> StepMachine.TABLE.add(new Row(COMPLETE, CLAIMED, ALWAYS, PENDING)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> StepMachine.FINAL.add(ERROR))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> StepMachine.sources(CLAIMED).add(ERROR))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private static Set<StepState> reachableFrom(StepState start) {
    Set<StepState> seen = EnumSet.of(start);
    Deque<StepState> next = new ArrayDeque<>(seen);
    while (!next.isEmpty()) {
      StepState state = next.poll();
      StepMachine.TABLE.stream()
          .filter(r -> r.from() == state)
          .map(Row::to)
          .filter(seen::add)
          .forEach(next::add);
    }
    return seen;
  }
}
