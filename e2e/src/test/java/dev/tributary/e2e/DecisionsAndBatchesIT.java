package dev.tributary.e2e;

import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.BatchCursor;
import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.contracts.TaskRequest;
import dev.tributary.contracts.TaskState;
import dev.tributary.processor.task.CreationOutcome;
import dev.tributary.processor.task.TaskCreation;
import dev.tributary.testkit.Invariants;
import dev.tributary.testkit.MutableClock;
import dev.tributary.testkit.TestEnvironment;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Steps created at run time, end to end, with workers that decide, split and checkpoint. */
class DecisionsAndBatchesIT {

  private static final JsonMapper JSON = JsonMapper.shared();
  private static final JsonCodec<BatchCursor> CURSORS = JsonCodec.of(BatchCursor.class);
  private static final TestEnvironment environment = TestEnvironment.create();
  private static final DSLContext db = environment.database().dsl();
  private static Cluster cluster;
  private static ConfigurableApplicationContext processor;
  private static SimulatedWorkers workers;

  @BeforeAll
  static void start() {
    cluster = new Cluster(environment, MutableClock.startingNow());
    processor = cluster.startProcessor();
    cluster.startScheduler();
    workers =
        new SimulatedWorkers(
            environment.bootstrapServers(),
            environment.topics(),
            "e2e",
            DecisionsAndBatchesIT::work);
  }

  @AfterAll
  static void stop() {
    workers.close();
    cluster.close();
  }

  @AfterEach
  void invariantsHold() {
    Invariants.assertAll(db);
  }

  /**
   * The workers: route decides what the task context says, split cuts the items into batches of
   * ten, the batch whose id the context names fails once after a checkpoint and then resumes from
   * it; everything else succeeds with its name.
   */
  private static List<Outcome> work(StepDispatch dispatch) {
    JsonNode context = dispatch.taskContext();
    return switch (dispatch.handler()) {
      case "route" ->
          List.of(
              new Outcome.Succeeded(
                  result(dispatch),
                  new Expansion.CreateSteps(List.of(context.get("route").asString()))));
      case "split", "bulk" ->
          List.of(
              new Outcome.Succeeded(
                  result(dispatch),
                  context.get("items").asInt() == 0
                      ? new Expansion.NoBatches()
                      : Expansion.CreateBatches.split(context.get("items").asLong(), 10)));
      case "process" -> batch(dispatch);
      default -> List.of(new Outcome.Started(), new Outcome.Succeeded(result(dispatch)));
    };
  }

  private static List<Outcome> batch(StepDispatch dispatch) {
    BatchCursor cursor = CURSORS.decode(JSON.writeValueAsBytes(dispatch.inputs()));
    boolean failing =
        cursor.batchId().equals(dispatch.taskContext().path("fail_batch").asString(""));
    if (failing && dispatch.attempt() == 1) {
      return List.of(
          new Outcome.Started(),
          new Outcome.Checkpointed(
              JSON.createObjectNode().put("cursor", cursor.start().asLong() + 5)),
          new Outcome.Failed(true, "java.io.IOException", "lost the connection", null));
    }
    ObjectNode result =
        result(dispatch).put("items", cursor.end().asLong() - cursor.start().asLong());
    if (dispatch.checkpoint() != null) {
      result.put("resumed_from", dispatch.checkpoint().get("cursor").asLong());
    }
    return List.of(new Outcome.Started(), new Outcome.Succeeded(result));
  }

  private static ObjectNode result(StepDispatch dispatch) {
    return JSON.createObjectNode().put("step", dispatch.stepName());
  }

  @Test
  void a_decision_choosing_one_of_three_branches_creates_only_it_and_then_converges() {
    UUID task = create("routing", JSON.createObjectNode().put("route", "express"));

    Workflows.awaitState(db, List.of(task), TaskState.COMPLETE);

    assertThat(stepNames(task))
        .containsExactlyInAnyOrder("intake", "route", "express", "express_label", "notify");
    StepDispatch notify = dispatch(task, "notify");
    assertThat(notify.dependencyResults()).containsOnlyKeys("express_label");
  }

  @Test
  void batches_of_zero_one_and_a_thousand_workers_run_to_their_convergence() {
    UUID none = create("batches", JSON.createObjectNode().put("items", 0));
    UUID one = create("batches", JSON.createObjectNode().put("items", 7));
    UUID thousand =
        create("batches", JSON.createObjectNode().put("items", 10_000).put("fail_batch", "123"));

    Workflows.awaitState(db, List.of(none, one, thousand), TaskState.COMPLETE);

    assertThat(stepNames(none)).containsExactlyInAnyOrder("split", "merge");
    assertThat(stepNames(one)).containsExactlyInAnyOrder("split", "process_0", "merge");
    assertThat(stepNames(thousand)).hasSize(1_002);
    StepDispatch merge = dispatch(thousand, "merge");
    assertThat(merge.dependencyResults()).hasSize(100);
    assertThat(merge.dependencyResultsOmitted()).isEqualTo(900);
  }

  @Test
  void a_failed_batch_worker_resumes_from_its_checkpoint() {
    UUID task = create("batches", JSON.createObjectNode().put("items", 30).put("fail_batch", "1"));

    Workflows.awaitState(db, List.of(task), TaskState.COMPLETE);

    List<StepDispatch> attempts =
        workers.dispatches().stream()
            .filter(d -> d.taskId().equals(task) && d.stepName().equals("process_1"))
            .toList();
    assertThat(attempts).extracting(StepDispatch::attempt).containsExactly(1, 2);
    assertThat(attempts.get(1).checkpoint().get("cursor").asLong()).isEqualTo(15);
    assertThat(
            JSON.readTree(
                    db.fetchValue(
                            WORKFLOW_STEPS.RESULTS,
                            WORKFLOW_STEPS
                                .TASK_ID
                                .eq(task)
                                .and(WORKFLOW_STEPS.NAME.eq("process_1")))
                        .data())
                .get("resumed_from")
                .asLong())
        .isEqualTo(15);
  }

  @Test
  void a_decision_branch_can_split_its_work_into_batches() {
    UUID task =
        create("branch_batch", JSON.createObjectNode().put("route", "bulk").put("items", 25));

    Workflows.awaitState(db, List.of(task), TaskState.COMPLETE);

    assertThat(stepNames(task))
        .containsExactlyInAnyOrder(
            "route", "bulk", "bulk_item_0", "bulk_item_1", "bulk_item_2", "bulk_merge", "ship");
    assertThat(dispatch(task, "bulk_merge").dependencyResults())
        .containsOnlyKeys("bulk_item_0", "bulk_item_1", "bulk_item_2");
    // ship, after the decision, waited for the batch inside the chosen branch
    assertThat(dispatch(task, "ship").dependencyResults()).containsOnlyKeys("bulk", "bulk_merge");
  }

  @Test
  void a_large_fan_in_reads_its_remaining_dependency_results_in_pages() {
    UUID task = create("batches", JSON.createObjectNode().put("items", 1_500));
    Workflows.awaitState(db, List.of(task), TaskState.COMPLETE);
    RestClient http =
        RestClient.builder()
            .baseUrl(
                "http://localhost:" + processor.getEnvironment().getProperty("local.server.port"))
            .defaultHeaders(headers -> headers.setBasicAuth(Cluster.USER, Cluster.PASSWORD))
            .build();

    JsonNode first =
        http.get()
            .uri("/api/v1/tasks/{task}/steps/merge/dependency-results?limit=100", task)
            .retrieve()
            .body(JsonNode.class);
    JsonNode second =
        http.get()
            .uri(
                "/api/v1/tasks/{task}/steps/merge/dependency-results?limit=100&after={after}",
                task,
                first.get("next").asString())
            .retrieve()
            .body(JsonNode.class);

    assertThat(first.get("results").size()).isEqualTo(100);
    assertThat(first.get("next").asString()).isEqualTo("process_099");
    assertThat(second.get("results").propertyNames()).first().isEqualTo("process_100");
    assertThat(second.get("results").get("process_100").get("items").asInt()).isEqualTo(10);
  }

  private static UUID create(String template, ObjectNode context) {
    return processor
        .getBean(TaskCreation.class)
        .create(
            List.of(
                TaskRequest.of("e2e", template, context)
                    .withIdempotencyKey(UUID.randomUUID().toString())))
        .stream()
        .map(o -> ((CreationOutcome.Created) o).taskId())
        .findFirst()
        .orElseThrow();
  }

  private static List<String> stepNames(UUID task) {
    return db.select(WORKFLOW_STEPS.NAME)
        .from(WORKFLOW_STEPS)
        .where(WORKFLOW_STEPS.TASK_ID.eq(task))
        .fetch(WORKFLOW_STEPS.NAME);
  }

  private static StepDispatch dispatch(UUID task, String step) {
    return workers.dispatches().stream()
        .filter(d -> d.taskId().equals(task) && d.stepName().equals(step))
        .findFirst()
        .orElseThrow();
  }
}
