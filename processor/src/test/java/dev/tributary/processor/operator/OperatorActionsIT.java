package dev.tributary.processor.operator;

import static dev.tributary.processor.WorkflowDriver.failure;
import static dev.tributary.processor.WorkflowDriver.success;
import static dev.tributary.store.schema.Tables.STEP_TRANSITIONS;
import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.TASK_TRANSITIONS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskState;
import dev.tributary.core.result.Verdict;
import dev.tributary.core.template.TemplateParser;
import dev.tributary.processor.ProcessorIntegration;
import dev.tributary.processor.WorkflowDriver;
import dev.tributary.processor.result.ResultProcessor;
import dev.tributary.processor.task.TaskCreation;
import dev.tributary.processor.template.TemplateCatalog;
import dev.tributary.store.dispatch.ClaimedStep;
import dev.tributary.testkit.Invariants;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

class OperatorActionsIT extends ProcessorIntegration {

  @Autowired TemplateCatalog catalog;
  @Autowired TaskCreation creation;
  @Autowired ResultProcessor processor;
  @LocalServerPort int port;

  private DSLContext db;
  private WorkflowDriver driver;
  private RestClient http;

  @BeforeEach
  void setUp() {
    db = environment.database().dsl();
    driver = new WorkflowDriver(creation, db, clock);
    http =
        RestClient.builder()
            .baseUrl("http://localhost:" + port + "/api/v1/tasks/")
            .defaultHeaders(headers -> headers.setBasicAuth(OPERATOR, PASSWORD))
            .defaultStatusHandler(status -> true, (request, response) -> {})
            .build();
    catalog.register(
        TemplateParser.fromYaml(
            """
            namespace: operator
            name: diamond
            version: "1"
            defaults:
              retry: {max_attempts: 1}
            steps:
              - name: a
              - name: b
                depends_on: [a]
              - name: c
                depends_on: [a]
              - name: d
                depends_on: [b, c]
            """,
            "test"));
  }

  @AfterEach
  void invariantsHold() {
    Invariants.assertAll(db);
  }

  @Test
  void retrying_a_failed_step_resumes_a_blocked_task_which_then_completes() {
    UUID task = blockedOnA();

    ResponseEntity<JsonNode> response = post(task + "/steps/a/retry", null);

    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(response.getBody().get("state").asString()).isEqualTo("in_progress");
    ClaimedStep second = driver.claim(List.of(task)).getFirst();
    assertThat(second.stepName()).isEqualTo("a");
    assertThat(second.attempt()).isEqualTo(2);
    // The template allows one attempt; a retry grants a fresh set on top of the one used, and the
    // dispatch says so (the contract documents that max_attempts grows).
    assertThat(second.maxAttempts()).isEqualTo(2);
    runToTheEnd(task, second);
    assertThat(taskState(task)).isEqualTo(TaskState.COMPLETE);
    assertThat(
            db.fetchCount(
                STEP_TRANSITIONS,
                STEP_TRANSITIONS
                    .STEP_ID
                    .eq(second.stepId())
                    .and(STEP_TRANSITIONS.CAUSE.eq("operator_retry"))))
        .isEqualTo(1);
  }

  @Test
  void resolving_a_failed_step_by_hand_lets_its_dependents_run() {
    UUID task = blockedOnA();

    ResponseEntity<JsonNode> response =
        post(task + "/steps/a/resolve", "{\"result\": {\"manual\": true}}");

    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(steps(task)).containsEntry("a", StepState.RESOLVED_MANUALLY);
    List<ClaimedStep> next = driver.claim(List.of(task));
    assertThat(next).extracting(ClaimedStep::stepName).containsExactlyInAnyOrder("b", "c");
    assertThat(next.getFirst().dependencyResultsJson()).isEqualTo("{\"a\": {\"manual\": true}}");
    processor.process(next.stream().map(s -> success(s, "{}")).toList());
    processor.process(driver.claim(List.of(task)).stream().map(s -> success(s, "{}")).toList());
    assertThat(taskState(task)).isEqualTo(TaskState.COMPLETE);
  }

  @Test
  void a_cancelled_task_ignores_results_that_arrive_afterwards() {
    UUID task = driver.createTasks("operator", "diamond", 1).getFirst();
    ClaimedStep a = driver.claim(List.of(task)).getFirst();

    ResponseEntity<JsonNode> response = post(task + "/cancel", null);
    List<Verdict> late = processor.process(List.of(success(a, "{}")));

    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(taskState(task)).isEqualTo(TaskState.CANCELLED);
    assertThat(steps(task).values()).containsOnly(StepState.CANCELLED);
    assertThat(late).containsExactly(new Verdict.Ignored(Verdict.Reason.NOT_APPLICABLE));
    assertThat(taskState(task)).isEqualTo(TaskState.CANCELLED);
    assertThat(post(task + "/cancel", null).getStatusCode().value()).isEqualTo(409);
  }

  @Test
  void explain_says_why_each_step_is_not_progressing() {
    UUID task = blockedOnA();

    JsonNode steps = http.get().uri(task + "/readiness").retrieve().body(JsonNode.class);

    Map<String, String> reasons = new java.util.HashMap<>();
    steps.forEach(s -> reasons.put(s.get("step").asString(), s.get("blocking_reason").asString()));
    assertThat(reasons.get("a")).isEqualTo("attempts exhausted (1 of 1): upstream timed out");
    assertThat(reasons.get("b")).isEqualTo("waiting for dependencies: a (error)");
    assertThat(reasons.get("d")).isEqualTo("waiting for dependencies: b (pending), c (pending)");
  }

  @Test
  void actions_that_do_not_apply_are_refused_with_the_reason() {
    UUID task = driver.createTasks("operator", "diamond", 1).getFirst();

    ResponseEntity<JsonNode> retry = post(task + "/steps/a/retry", null);
    ResponseEntity<JsonNode> unknownStep = post(task + "/steps/zz/retry", null);
    ResponseEntity<JsonNode> unknownTask = post(UUID.randomUUID() + "/cancel", null);

    assertThat(retry.getStatusCode().value()).isEqualTo(409);
    assertThat(retry.getBody().get("detail").asString())
        .isEqualTo("step 'a' of task " + task + " is pending; retry needs error");
    assertThat(unknownStep.getStatusCode().value()).isEqualTo(404);
    assertThat(unknownStep.getBody().get("detail").asString())
        .contains("step 'zz'", "does not exist");
    assertThat(unknownTask.getStatusCode().value()).isEqualTo(404);
  }

  @Test
  void a_finished_task_takes_no_retry_or_resolve_and_nothing_is_dispatched_for_it() {
    UUID cancelled = blockedOnA();
    assertThat(post(cancelled + "/cancel", null).getStatusCode().value()).isEqualTo(200);

    ResponseEntity<JsonNode> retry = post(cancelled + "/steps/a/retry", null);
    ResponseEntity<JsonNode> resolve =
        post(cancelled + "/steps/a/resolve", "{\"result\": {\"manual\": true}}");

    assertThat(retry.getStatusCode().value()).isEqualTo(409);
    assertThat(retry.getBody().get("detail").asString())
        .isEqualTo(
            "task " + cancelled + " is cancelled; a finished task takes no operator actions");
    assertThat(retry.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(resolve.getStatusCode().value()).isEqualTo(409);
    assertThat(driver.claim(List.of(cancelled))).isEmpty();
    assertThat(steps(cancelled)).containsEntry("a", StepState.ERROR);
    assertThat(taskState(cancelled)).isEqualTo(TaskState.CANCELLED);

    UUID complete = blockedOnA();
    post(complete + "/steps/a/resolve", "{\"result\": {}}");
    processor.process(driver.claim(List.of(complete)).stream().map(s -> success(s, "{}")).toList());
    processor.process(driver.claim(List.of(complete)).stream().map(s -> success(s, "{}")).toList());
    assertThat(taskState(complete)).isEqualTo(TaskState.COMPLETE);
    assertThat(post(complete + "/steps/d/resolve", "{\"result\": {}}").getStatusCode().value())
        .isEqualTo(409);
  }

  @Test
  void the_audit_rows_name_the_operator_who_acted() {
    UUID task = blockedOnA();

    post(task + "/steps/a/retry", null);
    post(task + "/cancel", null);

    assertThat(
            db.select(STEP_TRANSITIONS.CAUSE, STEP_TRANSITIONS.METADATA)
                .from(STEP_TRANSITIONS)
                .where(STEP_TRANSITIONS.TASK_ID.eq(task))
                .and(STEP_TRANSITIONS.CAUSE.startsWith("operator_"))
                .fetch(r -> r.value1() + " by " + json(r.value2()).get("operator").asString()))
        .contains("operator_retry by " + OPERATOR, "operator_cancel by " + OPERATOR);
    assertThat(
            db.select(TASK_TRANSITIONS.METADATA)
                .from(TASK_TRANSITIONS)
                .where(TASK_TRANSITIONS.TASK_ID.eq(task))
                .and(TASK_TRANSITIONS.CAUSE.eq("operator_cancel"))
                .fetch(r -> json(r.value1()).get("operator").asString()))
        .containsExactly(OPERATOR);
  }

  private static JsonNode json(org.jooq.JSONB value) {
    return WorkflowDriver.json(value.data());
  }

  private UUID blockedOnA() {
    UUID task = driver.createTasks("operator", "diamond", 1).getFirst();
    processor.process(List.of(failure(driver.claim(List.of(task)).getFirst(), true, null)));
    assertThat(taskState(task)).isEqualTo(TaskState.BLOCKED_BY_FAILURES);
    return task;
  }

  private void runToTheEnd(UUID task, ClaimedStep first) {
    processor.process(List.of(success(first, "{}")));
    for (List<ClaimedStep> ready = driver.claim(List.of(task));
        !ready.isEmpty();
        ready = driver.claim(List.of(task))) {
      processor.process(ready.stream().map(s -> success(s, "{}")).toList());
    }
  }

  private ResponseEntity<JsonNode> post(String path, String body) {
    var request = http.post().uri(path);
    if (body != null) {
      request = request.contentType(MediaType.APPLICATION_JSON).body(body);
    }
    return request.retrieve().toEntity(JsonNode.class);
  }

  private TaskState taskState(UUID task) {
    return db.fetchValue(TASKS.STATE, TASKS.ID.eq(task));
  }

  private Map<String, StepState> steps(UUID task) {
    return db.select(WORKFLOW_STEPS.NAME, WORKFLOW_STEPS.STATE)
        .from(WORKFLOW_STEPS)
        .where(WORKFLOW_STEPS.TASK_ID.eq(task))
        .fetchMap(WORKFLOW_STEPS.NAME, WORKFLOW_STEPS.STATE);
  }
}
