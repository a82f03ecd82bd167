package dev.tributary.processor.result;

import static dev.tributary.processor.WorkflowDriver.failure;
import static dev.tributary.processor.WorkflowDriver.json;
import static dev.tributary.processor.WorkflowDriver.success;
import static dev.tributary.store.schema.Tables.TASKS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.TaskRequest;
import dev.tributary.core.template.TemplateParser;
import dev.tributary.processor.ProcessorIntegration;
import dev.tributary.processor.WorkflowDriver;
import dev.tributary.processor.task.CreationOutcome;
import dev.tributary.processor.task.Submission;
import dev.tributary.processor.task.TaskCreation;
import dev.tributary.processor.template.TemplateCatalog;
import dev.tributary.service.tracing.Traced;
import dev.tributary.store.dispatch.ClaimedStep;
import dev.tributary.testkit.Invariants;
import io.micrometer.tracing.Span;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Where a task's trace context is kept across the database: each dispatch continues the span that
 * made its step ready. A root step continues the task's creation, a child the result that met its
 * last dependency, a retry the result that failed its previous attempt.
 */
class TraceContextIT extends ProcessorIntegration {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Autowired TemplateCatalog catalog;
  @Autowired TaskCreation creation;
  @Autowired ResultProcessor processor;

  private DSLContext db;
  private WorkflowDriver driver;

  @BeforeEach
  void setUp() {
    db = environment.database().dsl();
    driver = new WorkflowDriver(creation, db, clock);
    catalog.register(
        TemplateParser.fromYaml(
            """
            namespace: traced
            version: "1"
            name: diamond
            steps:
              - name: a
              - name: b
                depends_on: [a]
                retry: {max_attempts: 2, backoff: {base: 1s, jitter: 0}}
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
  void each_dispatch_continues_the_span_that_made_its_step_ready() {
    String request = traceparent("00f067aa0ba902b7");
    UUID task = create(request);
    String created = db.fetchValue(TASKS.TRACE_PARENT, TASKS.ID.eq(task));
    assertThat(created)
        .as("the creation's own span, in the caller's trace")
        .startsWith("00-" + TRACE + "-")
        .isNotEqualTo(request);

    ClaimedStep a = driver.claim(List.of(task)).getFirst();
    assertThat(a.traceParent()).isEqualTo(created);

    String resultOfA = traceparent("a00000000000000a");
    processor.handle(List.of(traced(success(a, "{}"), resultOfA)));
    Map<String, ClaimedStep> children = byName(driver.claim(List.of(task)));
    assertThat(children.get("b").traceParent()).isEqualTo(resultOfA);
    assertThat(children.get("c").traceParent()).isEqualTo(resultOfA);

    String failureOfB = traceparent("b00000000000000b");
    processor.handle(
        List.of(
            traced(failure(children.get("b"), true, null), failureOfB),
            traced(success(children.get("c"), "{}"), traceparent("c00000000000000c"))));
    clock.advance(Duration.ofSeconds(2));
    ClaimedStep retry = driver.claimAll(List.of(task)).getFirst();
    assertThat(retry.attempt()).isEqualTo(2);
    assertThat(retry.traceParent()).as("the retry continues the failure").isEqualTo(failureOfB);

    String successOfB = traceparent("b11111111111111b");
    processor.handle(List.of(traced(success(retry, "{}"), successOfB)));
    ClaimedStep d = driver.claim(List.of(task)).getFirst();
    assertThat(d.traceParent()).as("the join continues its last dependency").isEqualTo(successOfB);
  }

  @Test
  void results_without_trace_context_leave_the_stored_context_as_it_was() {
    UUID task = create(traceparent("00f067aa0ba902b7"));
    ClaimedStep a = driver.claim(List.of(task)).getFirst();

    processor.process(List.of(success(a, "{}")));

    assertThat(driver.claim(List.of(task)))
        .extracting(ClaimedStep::traceParent)
        .containsOnly(a.traceParent());
  }

  private UUID create(String traceparent) {
    TaskRequest request =
        TaskRequest.of("traced", "diamond", json("{}"))
            .withIdempotencyKey(UUID.randomUUID().toString());
    CreationOutcome outcome =
        creation
            .submit(List.of(new Submission(request, "test:" + UUID.randomUUID(), traceparent)))
            .getFirst();
    return ((CreationOutcome.Created) outcome).taskId();
  }

  private static String traceparent(String spanId) {
    return "00-" + TRACE + "-" + spanId + "-01";
  }

  private static Traced<StepResult> traced(StepResult result, String traceparent) {
    return new Traced<>(result, Span.NOOP, traceparent);
  }

  private static Map<String, ClaimedStep> byName(List<ClaimedStep> steps) {
    return steps.stream().collect(Collectors.toMap(ClaimedStep::stepName, Function.identity()));
  }
}
