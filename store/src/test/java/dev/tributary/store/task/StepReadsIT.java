package dev.tributary.store.task;

import static dev.tributary.store.schema.Tables.STEP_TRANSITIONS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.StepState;
import dev.tributary.contracts.UuidV7;
import dev.tributary.core.template.StepKind;
import dev.tributary.store.StoreDatabase;
import dev.tributary.store.Templates;
import dev.tributary.store.deadletter.DeadLetterReplays;
import dev.tributary.store.deadletter.Replay;
import dev.tributary.store.deadletter.Replay.Place;
import dev.tributary.store.task.TaskGraph.Edge;
import dev.tributary.store.task.TaskGraph.Node;
import dev.tributary.store.template.TemplateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What operators read of a task's steps: its graph with large batches grouped, its steps in pages,
 * one step with its readiness and history; and the audit record of dead-letter replays.
 */
class StepReadsIT {

  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final int WORKERS = 30;

  private static DSLContext db;
  private static UUID template;
  private UUID taskId;

  /** One database for these tests; each test reads tasks of its own. */
  @BeforeAll
  static void database() {
    db = StoreDatabase.create();
    template =
        new TemplateStore(db)
            .register(
                Templates.template(
                    "store",
                    "fan",
                    "1",
                    List.of(
                        Templates.step("split", StepKind.BATCHABLE),
                        Templates.step("split_worker", StepKind.BATCH_WORKER),
                        Templates.step("merge", StepKind.CONVERGENCE))),
                NOW)
            .id();
  }

  /** A task: split (batchable) → split_worker_0 … _29 (batch workers) → merge (convergence). */
  @BeforeEach
  void task() {
    taskId = fanOut(WORKERS);
    // split done, three workers done, one failed: the rest are pending.
    setState("split", StepState.COMPLETE);
    IntStream.range(0, 3).forEach(i -> setState("split_worker_" + i, StepState.COMPLETE));
    setState("split_worker_3", StepState.ERROR);
  }

  @Test
  void a_large_batch_is_one_node_with_its_workers_counted_by_state() {
    TaskGraph graph = new TaskGraphs(db).of(taskId, 20);

    assertThat(graph.nodes())
        .extracting(Node::name)
        .containsExactly("merge", "split", "split_worker");
    Node group = graph.nodes().get(2);
    assertThat(group.group()).isTrue();
    assertThat(group.count()).isEqualTo(WORKERS);
    assertThat(group.kind()).isEqualTo(StepKind.BATCH_WORKER);
    assertThat(group.states())
        .isEqualTo(
            Map.of(StepState.COMPLETE, 3, StepState.ERROR, 1, StepState.PENDING, WORKERS - 4));
    assertThat(group.state()).as("a failed worker speaks for the group").isEqualTo(StepState.ERROR);
    assertThat(graph.edges())
        .containsExactly(new Edge("split", "split_worker"), new Edge("split_worker", "merge"));
  }

  @Test
  void a_small_batch_shows_every_worker_and_edge() {
    TaskGraph graph = new TaskGraphs(db).of(taskId, WORKERS);

    assertThat(graph.nodes()).hasSize(WORKERS + 2).noneMatch(Node::group);
    assertThat(graph.edges()).hasSize(2 * WORKERS).contains(new Edge("split", "split_worker_17"));
    assertThat(graph.nodes())
        .filteredOn(n -> n.name().equals("split_worker_3"))
        .singleElement()
        .extracting(Node::state)
        .isEqualTo(StepState.ERROR);
  }

  @Test
  void a_ten_thousand_worker_batch_is_one_node_of_a_graph_of_three() {
    UUID task = fanOut(10_000);
    TaskGraph graph = new TaskGraphs(db).of(task, 25);

    assertThat(graph.nodes())
        .extracting(Node::name)
        .containsExactly("merge", "split", "split_worker");
    assertThat(graph.nodes().get(2).count()).isEqualTo(10_000);
    assertThat(graph.nodes().get(2).states()).isEqualTo(Map.of(StepState.PENDING, 10_000));
    assertThat(graph.edges()).hasSize(2);
  }

  @Test
  void an_unknown_task_has_an_empty_graph() {
    assertThat(new TaskGraphs(db).of(UuidV7.generate(), 20).nodes()).isEmpty();
  }

  @Test
  void steps_page_by_name_and_by_prefix() {
    StepReads reads = new StepReads(db);
    List<String> names = new ArrayList<>();
    String after = null;
    List<StepView> page;
    do {
      page = reads.page(taskId, "split_worker_", after, 7);
      page.forEach(s -> names.add(s.name()));
      after = page.isEmpty() ? null : page.getLast().name();
    } while (page.size() == 7);
    assertThat(names)
        .hasSize(WORKERS)
        .isSorted()
        .allMatch(name -> name.startsWith("split_worker_"));
    assertThat(reads.page(taskId, null, null, 100)).hasSize(WORKERS + 2);
  }

  @Test
  void a_step_comes_with_its_readiness_and_its_history() {
    StepReads reads = new StepReads(db);
    UUID merge = stepId("merge");
    db.insertInto(STEP_TRANSITIONS)
        .set(STEP_TRANSITIONS.TASK_ID, taskId)
        .set(STEP_TRANSITIONS.STEP_ID, merge)
        .set(STEP_TRANSITIONS.TO_STATE, StepState.PENDING)
        .set(STEP_TRANSITIONS.ATTEMPT, 0)
        .set(STEP_TRANSITIONS.CAUSE, "task_created")
        .set(STEP_TRANSITIONS.OCCURRED_AT, NOW)
        .execute();

    StepDetail detail = reads.find(taskId, "merge").orElseThrow();
    assertThat(detail.step().kind()).isEqualTo(StepKind.CONVERGENCE);
    assertThat(detail.readiness().ready()).isFalse();
    assertThat(detail.readiness().waitingFor()).hasSize(WORKERS - 3).contains("split_worker_3");
    assertThat(detail.readiness().blockingReason()).startsWith("waiting for dependencies: ");
    assertThat(reads.find(taskId, "split_worker_9").orElseThrow().readiness().blockingReason())
        .isEqualTo("ready to dispatch");
    assertThat(reads.find(taskId, "nothing")).isEmpty();

    assertThat(reads.history(taskId, "merge").orElseThrow())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.fromState()).isNull();
              assertThat(t.toState()).isEqualTo(StepState.PENDING);
              assertThat(t.cause()).isEqualTo("task_created");
            });
    assertThat(reads.history(taskId, "split")).hasValue(List.of());
    assertThat(reads.history(taskId, "nothing")).isEmpty();
  }

  @Test
  void the_last_replay_of_each_dead_letter_is_found_by_its_place() {
    DeadLetterReplays replays = new DeadLetterReplays(db);
    Place first = new Place("dead-letters", 0, 5);
    Place second = new Place("dead-letters", 1, 5);
    replays.record(new Replay(first, new Place("step-results", 2, 10), "ada", NOW));
    replays.record(
        new Replay(first, new Place("step-results", 2, 11), "grace", NOW.plusSeconds(1)));
    replays.record(new Replay(new Place("other-dlt", 1, 5), new Place("x", 0, 0), "ada", NOW));

    Map<Place, Replay> found =
        replays.lastReplays(
            "dead-letters", List.of(first, second, new Place("dead-letters", 0, 6)));
    assertThat(found).containsOnlyKeys(first);
    assertThat(found.get(first).operator()).isEqualTo("grace");
    assertThat(found.get(first).to().offset()).isEqualTo(11);
  }

  /** A task of the template with this many batch workers, all pending. */
  private static UUID fanOut(int workers) {
    UUID split = UuidV7.generate();
    UUID merge = UuidV7.generate();
    List<NewTask.NewStep> steps = new ArrayList<>();
    List<NewTask.NewEdge> edges = new ArrayList<>();
    steps.add(new NewTask.NewStep(split, "split", "split", 0, "{}"));
    steps.add(new NewTask.NewStep(merge, "merge", "merge", workers, "{}"));
    for (int i = 0; i < workers; i++) {
      UUID worker = UuidV7.generate();
      steps.add(new NewTask.NewStep(worker, "split_worker_" + i, "split_worker", 1, "{}"));
      edges.add(new NewTask.NewEdge(split, worker));
      edges.add(new NewTask.NewEdge(worker, merge));
    }
    UUID task = UuidV7.generate();
    new TaskInserts(db)
        .insert(
            List.of(
                new NewTask(
                    task, template, "{}", null, null, 0, "key:" + task, steps, edges, null)),
            NOW);
    return task;
  }

  private void setState(String step, StepState state) {
    db.update(WORKFLOW_STEPS)
        .set(WORKFLOW_STEPS.STATE, state)
        .where(WORKFLOW_STEPS.TASK_ID.eq(taskId))
        .and(WORKFLOW_STEPS.NAME.eq(step))
        .execute();
  }

  private UUID stepId(String step) {
    return db.select(WORKFLOW_STEPS.ID)
        .from(WORKFLOW_STEPS)
        .where(WORKFLOW_STEPS.TASK_ID.eq(taskId))
        .and(WORKFLOW_STEPS.NAME.eq(step))
        .fetchSingle(WORKFLOW_STEPS.ID);
  }
}
