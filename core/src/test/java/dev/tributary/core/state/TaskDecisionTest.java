package dev.tributary.core.state;

import static dev.tributary.contracts.TaskState.BLOCKED_BY_FAILURES;
import static dev.tributary.contracts.TaskState.COMPLETE;
import static dev.tributary.contracts.TaskState.IN_PROGRESS;
import static dev.tributary.contracts.TaskState.WAITING_FOR_RETRY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskState;
import dev.tributary.core.state.TaskDecision.Count;
import dev.tributary.core.state.TaskDecision.Rule;
import dev.tributary.core.state.TaskDecision.StepCounts;
import java.util.EnumSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskDecisionTest {

  @Test
  void the_counts_cover_the_documented_step_states() {
    assertThat(Count.DONE.states())
        .containsExactlyInAnyOrder(StepState.COMPLETE, StepState.RESOLVED_MANUALLY);
    assertThat(Count.ACTIVE.states())
        .containsExactlyInAnyOrder(StepState.ENQUEUED, StepState.IN_PROGRESS);
    assertThat(Count.RETRYING.states()).containsExactly(StepState.WAITING_FOR_RETRY);
    assertThat(Count.FAILED.states()).containsExactly(StepState.ERROR);
    assertThat(Count.ACTIVE.readyPending()).isTrue();
    assertThat(EnumSet.complementOf(EnumSet.of(Count.ACTIVE)))
        .allSatisfy(count -> assertThat(count.readyPending()).as("%s", count).isFalse());
  }

  @Test
  void no_step_is_counted_twice_and_cancelled_steps_are_not_counted() {
    Set<StepState> counted = EnumSet.noneOf(StepState.class);
    for (Count count : Count.values()) {
      assertThat(counted).as("%s", count).doesNotContainAnyElementsOf(count.states());
      counted.addAll(count.states());
    }

    assertThat(counted).doesNotContain(StepState.CANCELLED, StepState.PENDING);
  }

  @Test
  void the_rules_are_tried_in_the_documented_order() {
    assertThat(TaskDecision.RULES)
        .containsExactly(
            new Rule(Count.DONE, true, COMPLETE),
            new Rule(Count.ACTIVE, false, IN_PROGRESS),
            new Rule(Count.RETRYING, false, WAITING_FOR_RETRY),
            new Rule(Count.FAILED, false, BLOCKED_BY_FAILURES));
    assertThat(TaskDecision.OTHERWISE).isEqualTo(IN_PROGRESS);
    assertThat(TaskDecision.OUTCOMES)
        .containsExactlyInAnyOrder(COMPLETE, IN_PROGRESS, WAITING_FOR_RETRY, BLOCKED_BY_FAILURES);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "every step done,                                       3,    3,      0,        0,      0, COMPLETE",
    "no steps at all,                                       0,    0,      0,        0,      0, COMPLETE",
    "one step active,                                       3,    2,      1,        0,      0, IN_PROGRESS",
    "an active step wins over retrying and failed ones,     4,    1,      1,        1,      1, IN_PROGRESS",
    "a retrying step wins over a failed one,                4,    2,      0,        1,      1, WAITING_FOR_RETRY",
    "a retrying step alone,                                 2,    1,      0,        1,      0, WAITING_FOR_RETRY",
    "a failed step and nothing moving,                      3,    2,      0,        0,      1, BLOCKED_BY_FAILURES",
    "steps pending behind unfinished dependencies only,     3,    1,      0,        0,      0, IN_PROGRESS"
  })
  void the_first_rule_that_holds_decides(
      String what, int total, int done, int active, int retrying, int failed, TaskState state) {
    assertThat(TaskDecision.decide(new StepCounts(total, done, active, retrying, failed)))
        .isEqualTo(state);
  }

  @Test
  void a_task_whose_unfinished_steps_all_wait_on_dependencies_is_decided_otherwise() {
    assertThat(TaskDecision.decide(new StepCounts(2, 0, 0, 0, 0)))
        .isEqualTo(TaskDecision.OTHERWISE);
  }

  /**
   * Every way up to three steps each can be done, active, retrying, failed or waiting on
   * dependencies (1,024 tasks; jqwik enumerates them all): counts as they can occur, each step in
   * at most one counted condition.
   */
  @Property(generation = GenerationMode.EXHAUSTIVE)
  @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
  void the_decision_agrees_with_the_rule_restated(
      @ForAll @IntRange(max = 3) int done,
      @ForAll @IntRange(max = 3) int active,
      @ForAll @IntRange(max = 3) int retrying,
      @ForAll @IntRange(max = 3) int failed,
      @ForAll @IntRange(max = 3) int waiting) {
    int total = done + active + retrying + failed + waiting;

    TaskState decided = TaskDecision.decide(new StepCounts(total, done, active, retrying, failed));

    assertThat(decided).isEqualTo(restated(total, done, active, retrying, failed));
    Statistics.label("decided").collect(decided);
    Statistics.label("decided")
        .coverage(
            coverage -> {
              for (TaskState state : TaskDecision.OUTCOMES) {
                coverage.check(state).count(n -> n > 0);
              }
            });
  }

  /**
   * The rule in other words: a task whose steps are all done is complete; one that is not and has
   * no step moving waits for a retry if a step does, or else is blocked if a step failed; otherwise
   * it is in progress.
   */
  private static TaskState restated(int total, int done, int active, int retrying, int failed) {
    if (done == total) {
      return COMPLETE;
    }
    boolean stuck = active == 0 && (retrying > 0 || failed > 0);
    if (!stuck) {
      return IN_PROGRESS;
    }
    return retrying > 0 ? WAITING_FOR_RETRY : BLOCKED_BY_FAILURES;
  }
}
