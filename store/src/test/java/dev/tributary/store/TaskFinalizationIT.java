package dev.tributary.store;

import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskState;
import dev.tributary.contracts.UuidV7;
import dev.tributary.core.state.TaskDecision;
import dev.tributary.core.state.TaskDecision.StepCounts;
import dev.tributary.core.template.StepKind;
import dev.tributary.store.finalization.TaskFinalization;
import dev.tributary.store.finalization.TaskMoved;
import dev.tributary.store.task.NewTask;
import dev.tributary.store.task.TaskInserts;
import dev.tributary.store.template.TemplateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The finalization statement decides what {@link TaskDecision} decides: tasks whose steps are in
 * random mixes of states are finalized in one statement, and each lands in the state the core's
 * pure function gives for its counts.
 */
class TaskFinalizationIT {

  private static final int STEPS = 4;
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  private static DSLContext db;
  private static UUID template;

  @BeforeAll
  static void setUp() {
    db = StoreDatabase.create();
    template =
        new TemplateStore(db)
            .register(
                Templates.template(
                    "store",
                    "four",
                    "1",
                    IntStream.range(0, STEPS)
                        .mapToObj(i -> Templates.step("s" + i, StepKind.STANDARD))
                        .toList()),
                NOW)
            .id();
  }

  @Test
  void the_statement_decides_every_mix_of_step_states_as_the_core_rule_does() {
    Random random = new Random(20261126);
    Map<UUID, StepCounts> expected = new LinkedHashMap<>();
    List<NewTask> tasks = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      tasks.add(task());
    }
    new TaskInserts(db).insert(tasks, NOW);
    for (NewTask task : tasks) {
      expected.put(task.id(), randomise(task, random));
    }

    List<TaskMoved> moved = new TaskFinalization(db).finalizeTasks(expected.keySet(), "test", NOW);

    assertThat(moved).hasSize(expected.size());
    expected.forEach(
        (task, counts) ->
            assertThat(db.fetchValue(TASKS.STATE, TASKS.ID.eq(task)))
                .as("task with %s", counts)
                .isEqualTo(TaskDecision.decide(counts)));
    assertThat(expected.values().stream().map(TaskDecision::decide).distinct())
        .as("the mixes reach every decision")
        .containsExactlyInAnyOrderElementsOf(TaskDecision.OUTCOMES);
  }

  @Test
  void a_finished_task_is_left_alone() {
    NewTask task = task();
    new TaskInserts(db).insert(List.of(task), NOW);
    db.update(TASKS).set(TASKS.STATE, TaskState.CANCELLED).where(TASKS.ID.eq(task.id())).execute();

    assertThat(new TaskFinalization(db).finalizeTasks(List.of(task.id()), "test", NOW)).isEmpty();
    assertThat(db.fetchValue(TASKS.STATE, TASKS.ID.eq(task.id()))).isEqualTo(TaskState.CANCELLED);
  }

  private static NewTask task() {
    UUID id = UuidV7.generate();
    return new NewTask(
        id,
        template,
        "{}",
        null,
        null,
        0,
        "test:" + id,
        IntStream.range(0, STEPS)
            .mapToObj(i -> new NewTask.NewStep(UuidV7.generate(), "s" + i, "s" + i, 0, "{}"))
            .toList(),
        List.of(),
        null);
  }

  /** Puts the task's steps in random states, pending ones ready or not; returns the counts. */
  private static StepCounts randomise(NewTask task, Random random) {
    StepState[] states = StepState.values();
    int done = 0;
    int active = 0;
    int retrying = 0;
    int failed = 0;
    // Skewed towards a few states per task, so that every decision shows up.
    List<StepState> palette =
        List.of(states[random.nextInt(states.length)], states[random.nextInt(states.length)]);
    for (NewTask.NewStep step : task.steps()) {
      StepState state = palette.get(random.nextInt(palette.size()));
      int unmet = state == StepState.PENDING && random.nextBoolean() ? 1 : 0;
      db.update(WORKFLOW_STEPS)
          .set(WORKFLOW_STEPS.STATE, state)
          .set(WORKFLOW_STEPS.UNMET_DEPENDENCIES, unmet)
          .where(WORKFLOW_STEPS.ID.eq(step.id()))
          .execute();
      done += TaskDecision.Count.DONE.states().contains(state) ? 1 : 0;
      active +=
          TaskDecision.Count.ACTIVE.states().contains(state)
                  || (state == StepState.PENDING && unmet == 0)
              ? 1
              : 0;
      retrying += TaskDecision.Count.RETRYING.states().contains(state) ? 1 : 0;
      failed += TaskDecision.Count.FAILED.states().contains(state) ? 1 : 0;
    }
    return new StepCounts(STEPS, done, active, retrying, failed);
  }
}
