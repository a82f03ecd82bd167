package dev.tributary.processor.result;

import static dev.tributary.processor.WorkflowDriver.failure;
import static dev.tributary.processor.WorkflowDriver.started;
import static dev.tributary.processor.WorkflowDriver.success;
import static dev.tributary.store.schema.Tables.STEP_TRANSITIONS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepResult;
import dev.tributary.core.result.Verdict;
import dev.tributary.core.template.TemplateParser;
import dev.tributary.processor.ProcessorIntegration;
import dev.tributary.processor.WorkflowDriver;
import dev.tributary.processor.task.TaskCreation;
import dev.tributary.processor.template.TemplateCatalog;
import dev.tributary.store.dispatch.ClaimedStep;
import dev.tributary.testkit.Invariants;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** At-least-once delivery: every result delivered again, at a random later point. */
class RedeliveryIT extends ProcessorIntegration {

  @Autowired TemplateCatalog catalog;
  @Autowired TaskCreation creation;
  @Autowired ResultProcessor processor;
  @Autowired MeterRegistry meters;

  private DSLContext db;
  private WorkflowDriver driver;

  @BeforeEach
  void setUp() {
    db = environment.database().dsl();
    driver = new WorkflowDriver(creation, db, clock);
    catalog.register(
        TemplateParser.fromYaml(
            """
            namespace: redelivery
            name: diamond
            version: "1"
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
  void results_delivered_twice_in_shuffled_order_end_as_if_delivered_once() {
    Map<String, String> once = runWorkflows(false, new Random(7));
    Map<String, String> twice = runWorkflows(true, new Random(7));

    assertThat(twice).isEqualTo(once);
    assertThat(once.values()).allSatisfy(v -> assertThat(v).startsWith("complete"));
  }

  @Test
  void an_older_checkpoint_delivered_after_a_newer_one_is_ignored_and_counted() {
    UUID task = driver.createTasks("redelivery", "diamond", 1).getFirst();
    ClaimedStep a = driver.claim(List.of(task)).getFirst();
    StepResult first = checkpoint(a, 1, 1L);
    StepResult second = checkpoint(a, 2, 2L);
    double staleBefore = staleCheckpoints();

    List<Verdict> verdicts =
        new ArrayList<>(processor.process(List.of(first, second, first, second)));
    verdicts.addAll(processor.process(List.of(first)));
    verdicts.addAll(processor.process(List.of(checkpoint(a, 0, 2L))));

    assertThat(verdicts)
        .containsExactly(
            Verdict.APPLIED,
            Verdict.APPLIED,
            new Verdict.Ignored(Verdict.Reason.STALE_CHECKPOINT),
            new Verdict.Ignored(Verdict.Reason.STALE_CHECKPOINT),
            new Verdict.Ignored(Verdict.Reason.STALE_CHECKPOINT),
            new Verdict.Ignored(Verdict.Reason.STALE_CHECKPOINT));
    assertThat(staleCheckpoints() - staleBefore).isEqualTo(4);
    assertThat(storedCheckpoint(a)).isEqualTo("{\"cursor\": 2}");

    // The next attempt resumes from the newest checkpoint and counts its own from 1 again.
    processor.process(List.of(failure(a, true, 1L)));
    clock.advance(Duration.ofSeconds(1));
    ClaimedStep retry = driver.claimAll(List.of(task)).getFirst();
    assertThat(retry.checkpointJson()).isEqualTo("{\"cursor\": 2}");
    assertThat(processor.process(List.of(checkpoint(retry, 3, 1L))))
        .containsExactly(Verdict.APPLIED);
    assertThat(storedCheckpoint(retry)).isEqualTo("{\"cursor\": 3}");
  }

  private static StepResult checkpoint(ClaimedStep step, int cursor, Long sequence) {
    return WorkflowDriver.result(
        step,
        new Outcome.Checkpointed(WorkflowDriver.json("{\"cursor\": " + cursor + "}"), sequence));
  }

  private String storedCheckpoint(ClaimedStep step) {
    return db.fetchValue(WORKFLOW_STEPS.CHECKPOINT, WORKFLOW_STEPS.ID.eq(step.stepId())).data();
  }

  private double staleCheckpoints() {
    return meters.find("tributary.results").tag("reason", "stale_checkpoint").counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  /**
   * Runs 20 diamonds to the end, step c failing once on its first attempt; with duplicates, every
   * message is delivered a second time at a random later position. Returns each step's final state,
   * result, error and audit trail, by task number and step name.
   */
  private Map<String, String> runWorkflows(boolean duplicate, Random random) {
    List<UUID> tasks = driver.createTasks("redelivery", "diamond", 20);
    for (int round = 0; round < 10; round++) {
      clock.advance(Duration.ofMinutes(10));
      List<ClaimedStep> claimed = driver.claimAll(tasks);
      if (claimed.isEmpty()) {
        break;
      }
      List<StepResult> deliveries = new ArrayList<>();
      for (ClaimedStep step : claimed) {
        int n = tasks.indexOf(step.taskId());
        deliveries.add(started(step));
        deliveries.add(
            step.stepName().equals("c") && step.attempt() == 1
                ? failure(step, true, null)
                : success(step, "{\"task\": " + n + ", \"step\": \"" + step.stepName() + "\"}"));
      }
      if (duplicate) {
        for (StepResult original : List.copyOf(deliveries)) {
          int after = deliveries.indexOf(original);
          deliveries.add(after + 1 + random.nextInt(deliveries.size() - after), original);
        }
      }
      for (int from = 0; from < deliveries.size(); ) {
        int to = Math.min(deliveries.size(), from + 1 + random.nextInt(30));
        processor.process(deliveries.subList(from, to));
        from = to;
      }
    }
    return snapshot(tasks);
  }

  private Map<String, String> snapshot(List<UUID> tasks) {
    return db
        .select(
            WORKFLOW_STEPS.ID,
            WORKFLOW_STEPS.TASK_ID,
            WORKFLOW_STEPS.NAME,
            WORKFLOW_STEPS.STATE,
            WORKFLOW_STEPS.ATTEMPTS,
            WORKFLOW_STEPS.RESULTS,
            WORKFLOW_STEPS.LAST_ERROR)
        .from(WORKFLOW_STEPS)
        .where(WORKFLOW_STEPS.TASK_ID.in(tasks))
        .fetch()
        .stream()
        .collect(
            Collectors.toMap(
                r -> tasks.indexOf(r.value2()) + "/" + r.value3(),
                r ->
                    r.value4().wireName()
                        + " attempts="
                        + r.value5()
                        + " results="
                        + r.value6()
                        + " error="
                        + (r.value7() == null
                            ? null
                            : r.value7().data().replaceAll("\"at\": \"[^\"]*\"", ""))
                        + " audit="
                        + audit(r.value1())));
  }

  private List<String> audit(UUID stepId) {
    return db.select(
            STEP_TRANSITIONS.FROM_STATE,
            STEP_TRANSITIONS.TO_STATE,
            STEP_TRANSITIONS.ATTEMPT,
            STEP_TRANSITIONS.CAUSE)
        .from(STEP_TRANSITIONS)
        .where(STEP_TRANSITIONS.STEP_ID.eq(stepId))
        .orderBy(STEP_TRANSITIONS.ID)
        .fetch(r -> r.value1() + ">" + r.value2() + "@" + r.value3() + ":" + r.value4());
  }
}
