package dev.tributary.processor.expansion;

import static dev.tributary.processor.WorkflowDriver.result;
import static dev.tributary.processor.WorkflowDriver.success;
import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEP_EDGES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskState;
import dev.tributary.core.template.TemplateParser;
import dev.tributary.processor.ProcessorIntegration;
import dev.tributary.processor.WorkflowDriver;
import dev.tributary.processor.result.ResultProcessor;
import dev.tributary.processor.task.TaskCreation;
import dev.tributary.processor.template.TemplateCatalog;
import dev.tributary.store.dispatch.ClaimedStep;
import dev.tributary.store.dispatch.StepClaims;
import dev.tributary.store.metrics.StatementCounter;
import dev.tributary.testkit.Invariants;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

class ExpansionIT extends ProcessorIntegration {

  @Autowired TemplateCatalog catalog;
  @Autowired TaskCreation creation;
  @Autowired ResultProcessor processor;

  private DSLContext db;
  private WorkflowDriver driver;

  @BeforeEach
  void setUp() {
    db = environment.database().dsl();
    driver = new WorkflowDriver(creation, db, clock);
    register(
        """
        name: routing
        steps:
          - name: intake
          - name: route
            kind: decision
            depends_on: [intake]
            branches: [express, standard, freight]
          - name: express
            depends_on: [route]
          - name: express_label
            depends_on: [express]
          - name: standard
            depends_on: [route]
          - name: freight
            depends_on: [route]
          - name: ship
            kind: convergence
            depends_on: [express_label, standard, freight]
          - name: notify
            depends_on: [ship]
        """);
    register(
        """
        name: batched
        steps:
          - name: split
            kind: batchable
            batch_worker: process
          - name: process
            kind: batch_worker
            retry: {max_attempts: 3, backoff: {base: 1s, jitter: 0}}
          - name: merge
            kind: convergence
            depends_on: [process]
        """);
  }

  @BeforeEach
  void registerNestedTemplates() {
    register(
        """
        name: nested
        steps:
          - name: route
            kind: decision
            branches: [single, bulk]
          - name: single
            depends_on: [route]
          - name: bulk
            kind: batchable
            depends_on: [route]
            batch_worker: item
          - name: item
            kind: batch_worker
          - name: bulk_merge
            kind: convergence
            depends_on: [item]
          - name: ship
            kind: convergence
            depends_on: [single, bulk_merge]
        """);
    register(
        """
        name: siblings
        steps:
          - name: left
            kind: batchable
            batch_worker: left_item
          - name: left_item
            kind: batch_worker
          - name: right
            kind: batchable
            batch_worker: right_item
          - name: right_item
            kind: batch_worker
          - name: join
            kind: convergence
            depends_on: [left_item, right_item]
        """);
  }

  @AfterEach
  void invariantsHold() {
    Invariants.assertAll(db);
  }

  private void register(String yaml) {
    catalog.register(
        TemplateParser.fromYaml("namespace: expansion\nversion: \"1\"\n" + yaml, "test"));
  }

  @Test
  void a_decision_for_one_branch_creates_it_and_its_convergence_in_four_statements() {
    UUID task = decisionPending();
    ClaimedStep route = claimOnly(task);

    int statements = process(decide(route, "express"));

    // context, transition, step creation, finalization: within the limit of 4
    assertThat(statements).isEqualTo(4);
    assertThat(steps(task).keySet())
        .containsExactlyInAnyOrder("intake", "route", "express", "express_label", "ship", "notify");
    assertThat(unmet(task))
        .containsEntry("express", 0)
        .containsEntry("express_label", 1)
        .containsEntry("ship", 1)
        .containsEntry("notify", 1);
  }

  @Test
  void a_decision_for_every_branch_costs_the_same_four_statements() {
    UUID task = decisionPending();
    ClaimedStep route = claimOnly(task);

    int statements = process(decide(route, "express", "standard", "freight"));

    assertThat(statements).isEqualTo(4);
    assertThat(steps(task)).hasSize(8);
    assertThat(unmet(task)).containsEntry("ship", 3);
  }

  @Test
  void no_branches_creates_nothing_and_the_task_completes() {
    UUID task = decisionPending();
    ClaimedStep route = claimOnly(task);

    process(result(route, new Outcome.Succeeded(json("{}"), new Expansion.NoBranches())));

    assertThat(steps(task).keySet()).containsExactlyInAnyOrder("intake", "route");
    assertThat(db.fetchValue(TASKS.STATE, TASKS.ID.eq(task))).isEqualTo(TaskState.COMPLETE);
  }

  @Test
  void an_undeclared_branch_fails_the_decision_with_the_reason_and_creates_nothing() {
    UUID task = decisionPending();
    ClaimedStep route = claimOnly(task);

    process(decide(route, "express", "teleport"));

    assertThat(steps(task))
        .containsOnlyKeys("intake", "route")
        .containsEntry("route", StepState.ERROR);
    assertThat(lastErrorMessage(route))
        .isEqualTo(
            "decision step 'route' selected [teleport], which is not one of its declared branches"
                + " [express, standard, freight]");
    assertThat(db.fetchValue(TASKS.STATE, TASKS.ID.eq(task)))
        .isEqualTo(TaskState.BLOCKED_BY_FAILURES);
  }

  @Test
  void a_decision_delivered_twice_creates_its_steps_once() {
    UUID task = decisionPending();
    ClaimedStep route = claimOnly(task);
    StepResult decision = decide(route, "standard", "freight");

    process(decision);
    process(decision);

    assertThat(steps(task)).hasSize(6);
    // intake→route, route→standard, route→freight, standard→ship, freight→ship, ship→notify;
    // express_label→ship is dropped: express was not selected.
    assertThat(db.fetchCount(WORKFLOW_STEP_EDGES, WORKFLOW_STEP_EDGES.TASK_ID.eq(task)))
        .isEqualTo(6);
  }

  @Test
  void ten_thousand_batch_workers_are_created_in_a_bounded_number_of_statements_and_only_once() {
    UUID task = driver.createTasks("expansion", "batched", 1).getFirst();
    ClaimedStep split = claimOnly(task);
    StepResult outcome =
        result(
            split, new Outcome.Succeeded(json("{}"), Expansion.CreateBatches.split(100_000, 10)));

    int statements = process(outcome);
    int again = process(outcome);

    // context, transition, step creation, finalization: within the limit of 6
    assertThat(statements).isEqualTo(4);
    assertThat(again).as("a duplicate only loads its context").isEqualTo(1);
    assertThat(db.fetchCount(WORKFLOW_STEPS, WORKFLOW_STEPS.TASK_ID.eq(task))).isEqualTo(10_002);
    assertThat(db.fetchCount(WORKFLOW_STEP_EDGES, WORKFLOW_STEP_EDGES.TASK_ID.eq(task)))
        .isEqualTo(20_000);
    assertThat(unmet(task)).containsEntry("merge", 10_000).containsEntry("process_0000", 0);
    assertThat(
            db.fetchValue(
                    WORKFLOW_STEPS.INPUTS,
                    WORKFLOW_STEPS.TASK_ID.eq(task).and(WORKFLOW_STEPS.NAME.eq("process_9999")))
                .data())
        .isEqualTo("{\"end\": 100000, \"start\": 99990, \"batch_id\": \"9999\"}");
  }

  @Test
  void no_batches_goes_straight_to_a_ready_convergence_step() {
    UUID task = driver.createTasks("expansion", "batched", 1).getFirst();
    ClaimedStep split = claimOnly(task);

    process(result(split, new Outcome.Succeeded(json("{}"), new Expansion.NoBatches())));

    assertThat(steps(task)).containsOnlyKeys("split", "merge");
    assertThat(unmet(task)).containsEntry("merge", 0);
  }

  @Test
  void an_absurd_number_of_batches_fails_the_step_with_the_reason() {
    UUID task = driver.createTasks("expansion", "batched", 1).getFirst();
    ClaimedStep split = claimOnly(task);

    process(
        result(
            split,
            new Outcome.Succeeded(json("{}"), Expansion.CreateBatches.split(10_000_000, 1))));

    assertThat(steps(task)).containsOnlyKeys("split").containsEntry("split", StepState.ERROR);
    assertThat(lastErrorMessage(split))
        .isEqualTo(
            "batchable step 'split' asked for 10000000 batches; the limit is 10000"
                + " (tributary.expansion.max-batches)");
  }

  @Test
  void a_batch_worker_that_fails_is_retried_with_its_last_checkpoint() {
    UUID task = driver.createTasks("expansion", "batched", 1).getFirst();
    ClaimedStep split = claimOnly(task);
    process(
        result(split, new Outcome.Succeeded(json("{}"), Expansion.CreateBatches.split(30, 10))));
    ClaimedStep worker =
        driver.claim(List.of(task)).stream()
            .filter(s -> s.stepName().equals("process_1"))
            .findFirst()
            .orElseThrow();
    assertThat(worker.inputsJson()).isEqualTo("{\"end\": 20, \"start\": 10, \"batch_id\": \"1\"}");

    process(
        result(worker, new Outcome.Checkpointed(json("{\"cursor\": 14, \"items_processed\": 4}"))));
    process(result(worker, new Outcome.Failed(true, "java.io.IOException", "lost", null)));
    clock.advance(Duration.ofSeconds(1));
    ClaimedStep retry = new StepClaims(db).claimRetriesDue(10, 10, clock.instant()).getFirst();

    assertThat(retry.stepName()).isEqualTo("process_1");
    assertThat(retry.attempt()).isEqualTo(2);
    assertThat(retry.checkpointJson()).isEqualTo("{\"cursor\": 14, \"items_processed\": 4}");
  }

  @Test
  void a_convergence_after_a_decision_waits_for_a_batch_inside_the_chosen_branch() {
    UUID task = driver.createTasks("expansion", "nested", 1).getFirst();

    process(decide(claimOnly(task), "bulk"));
    // ship exists already and waits for bulk, which stands in for bulk_merge
    assertThat(steps(task).keySet()).containsExactlyInAnyOrder("route", "bulk", "ship");
    assertThat(unmet(task)).containsEntry("ship", 1);

    process(
        result(
            claimOnly(task),
            new Outcome.Succeeded(json("{}"), Expansion.CreateBatches.split(30, 10))));
    // bulk completed and handed its edge over to bulk_merge in the same transaction
    assertThat(unmet(task)).containsEntry("ship", 1).containsEntry("bulk_merge", 3);
    assertThat(steps(task)).containsEntry("ship", StepState.PENDING);

    List<ClaimedStep> items = driver.claim(List.of(task));
    assertThat(items)
        .extracting(ClaimedStep::stepName)
        .containsExactlyInAnyOrder("item_0", "item_1", "item_2");
    processor.process(items.stream().map(s -> success(s, "{}")).toList());
    assertThat(driver.claim(List.of(task)))
        .extracting(ClaimedStep::stepName)
        .containsExactly("bulk_merge");
  }

  @Test
  void a_convergence_after_a_decision_waits_for_every_chosen_branch_and_not_the_others() {
    UUID both = driver.createTasks("expansion", "nested", 1).getFirst();
    UUID single = driver.createTasks("expansion", "nested", 1).getFirst();

    process(decide(claimOnly(both), "single", "bulk"));
    process(decide(claimOnly(single), "single"));

    assertThat(unmet(both)).containsEntry("ship", 2);
    assertThat(unmet(single)).containsEntry("ship", 1);
    assertThat(steps(single)).doesNotContainKey("bulk");
  }

  @Test
  void a_convergence_over_sibling_batches_waits_for_every_worker_of_both() {
    UUID task = driver.createTasks("expansion", "siblings", 1).getFirst();
    assertThat(unmet(task)).containsEntry("join", 2);
    List<ClaimedStep> splits = driver.claim(List.of(task));
    ClaimedStep left =
        splits.stream().filter(s -> s.stepName().equals("left")).findFirst().orElseThrow();
    ClaimedStep right =
        splits.stream().filter(s -> s.stepName().equals("right")).findFirst().orElseThrow();

    processor.process(
        List.of(
            result(left, new Outcome.Succeeded(json("{}"), Expansion.CreateBatches.split(20, 10))),
            result(right, new Outcome.Succeeded(json("{}"), new Expansion.NoBatches()))));

    assertThat(unmet(task)).containsEntry("join", 2);
    processor.process(driver.claim(List.of(task)).stream().map(s -> success(s, "{}")).toList());
    assertThat(driver.claim(List.of(task)))
        .extracting(ClaimedStep::stepName)
        .containsExactly("join");
  }

  private UUID decisionPending() {
    UUID task = driver.createTasks("expansion", "routing", 1).getFirst();
    processor.process(List.of(success(claimOnly(task), "{}")));
    return task;
  }

  private ClaimedStep claimOnly(UUID task) {
    List<ClaimedStep> claimed = driver.claim(List.of(task));
    assertThat(claimed).hasSize(1);
    return claimed.getFirst();
  }

  private int process(StepResult result) {
    try (StatementCounter.Measurement statements = StatementCounter.measure()) {
      processor.process(List.of(result));
      return statements.count();
    }
  }

  private static StepResult decide(ClaimedStep step, String... branches) {
    return result(
        step, new Outcome.Succeeded(json("{}"), new Expansion.CreateSteps(List.of(branches))));
  }

  private String lastErrorMessage(ClaimedStep step) {
    return JsonMapper.shared()
        .readTree(
            db.fetchValue(WORKFLOW_STEPS.LAST_ERROR, WORKFLOW_STEPS.ID.eq(step.stepId())).data())
        .get("message")
        .asString();
  }

  private Map<String, StepState> steps(UUID task) {
    return db.select(WORKFLOW_STEPS.NAME, WORKFLOW_STEPS.STATE)
        .from(WORKFLOW_STEPS)
        .where(WORKFLOW_STEPS.TASK_ID.eq(task))
        .fetchMap(WORKFLOW_STEPS.NAME, WORKFLOW_STEPS.STATE);
  }

  private Map<String, Integer> unmet(UUID task) {
    return db.select(WORKFLOW_STEPS.NAME, WORKFLOW_STEPS.UNMET_DEPENDENCIES)
        .from(WORKFLOW_STEPS)
        .where(WORKFLOW_STEPS.TASK_ID.eq(task))
        .fetchMap(WORKFLOW_STEPS.NAME, WORKFLOW_STEPS.UNMET_DEPENDENCIES);
  }

  private static tools.jackson.databind.JsonNode json(String text) {
    return WorkflowDriver.json(text);
  }
}
