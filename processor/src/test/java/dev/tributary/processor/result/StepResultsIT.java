package dev.tributary.processor.result;

import static dev.tributary.processor.WorkflowDriver.failure;
import static dev.tributary.processor.WorkflowDriver.started;
import static dev.tributary.processor.WorkflowDriver.success;
import static dev.tributary.store.schema.Tables.STEP_TRANSITIONS;
import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.TASK_TRANSITIONS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.contracts.ErrorClasses;
import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.MessageHeaders;
import dev.tributary.contracts.NulCharacter;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskEvent;
import dev.tributary.contracts.TaskState;
import dev.tributary.contracts.UuidV7;
import dev.tributary.core.result.Verdict;
import dev.tributary.core.template.TemplateParser;
import dev.tributary.processor.ProcessorIntegration;
import dev.tributary.processor.WorkflowDriver;
import dev.tributary.processor.task.TaskCreation;
import dev.tributary.processor.template.TemplateCatalog;
import dev.tributary.store.dispatch.ClaimedStep;
import dev.tributary.store.dispatch.StepClaims;
import dev.tributary.store.metrics.StatementCounter;
import dev.tributary.testkit.Invariants;
import dev.tributary.testkit.KafkaProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class StepResultsIT extends ProcessorIntegration {

  private static final JsonCodec<StepResult> RESULTS = JsonCodec.of(StepResult.class);

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
    register(
        """
        name: diamond
        steps:
          - name: a
          - name: b
            depends_on: [a]
          - name: c
            depends_on: [a]
          - name: d
            depends_on: [b, c]
        """);
    register(
        """
        name: flaky
        steps:
          - name: call
            retry: {max_attempts: 3, backoff: {base: 2s, multiplier: 3, max: 1m, jitter: 0}}
        """);
    register(
        """
        name: once
        steps:
          - name: call
            retry: {retryable: false}
        """);
  }

  @AfterEach
  void invariantsHold() {
    Invariants.assertAll(db);
  }

  private void register(String yaml) {
    catalog.register(
        TemplateParser.fromYaml("namespace: results\nversion: \"1\"\n" + yaml, "test"));
  }

  @Test
  void a_simple_success_handled_alone_costs_three_statements() {
    UUID task = driver.createTasks("results", "diamond", 1).getFirst();
    ClaimedStep a = driver.claim(List.of(task)).getFirst();

    try (StatementCounter.Measurement statements = StatementCounter.measure()) {
      processor.process(List.of(success(a, "{\"ok\": true}")));
      // context, transition (with audit and children's counters), finalization
      assertThat(statements.count()).as("%s", statements.statements()).isEqualTo(3);
    }

    assertThat(steps(task))
        .containsEntry("a", StepState.COMPLETE)
        .containsEntry("b", StepState.PENDING)
        .containsEntry("d", StepState.PENDING);
    assertThat(unmet(task)).containsEntry("b", 0).containsEntry("c", 0).containsEntry("d", 2);
    assertThat(db.fetchValue(WORKFLOW_STEPS.RESULTS, WORKFLOW_STEPS.ID.eq(a.stepId())))
        .isEqualTo(JSONB.valueOf("{\"ok\": true}"));
    assertThat(db.fetchValue(TASKS.STATE, TASKS.ID.eq(task))).isEqualTo(TaskState.IN_PROGRESS);
  }

  @Test
  void only_a_completion_that_readies_a_step_signals_the_scheduler() {
    UUID task = driver.createTasks("results", "diamond", 1).getFirst();
    ClaimedStep a = driver.claim(List.of(task)).getFirst();
    assertThat(signalsSentBy(() -> processor.process(List.of(started(a))))).as("started").isZero();
    assertThat(signalsSentBy(() -> processor.process(List.of(success(a, "{}")))))
        .as("a readies b and c")
        .isEqualTo(1);

    List<ClaimedStep> bc = driver.claim(List.of(task));
    assertThat(signalsSentBy(() -> processor.process(List.of(success(named(bc, "b"), "{}")))))
        .as("d still waits for c")
        .isZero();
    assertThat(signalsSentBy(() -> processor.process(List.of(success(named(bc, "c"), "{}")))))
        .as("c readies d")
        .isEqualTo(1);

    ClaimedStep d = driver.claim(List.of(task)).getFirst();
    assertThat(signalsSentBy(() -> processor.process(List.of(success(d, "{}")))))
        .as("the last step readies nothing")
        .isZero();
    assertThat(db.fetchValue(TASKS.STATE, TASKS.ID.eq(task))).isEqualTo(TaskState.COMPLETE);
  }

  private double signalsSentBy(Runnable processing) {
    Counter sent = meters.counter("tributary.signals.sent");
    double before = sent.count();
    processing.run();
    return sent.count() - before;
  }

  private static ClaimedStep named(List<ClaimedStep> steps, String name) {
    return steps.stream().filter(s -> s.stepName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void a_poll_of_a_thousand_results_for_500_steps_costs_the_same_few_statements() {
    List<UUID> tasks = driver.createTasks("results", "diamond", 500);
    List<ClaimedStep> claimed = driver.claim(tasks);
    List<StepResult> results = new ArrayList<>();
    claimed.forEach(step -> results.add(started(step)));
    claimed.forEach(step -> results.add(success(step, "{}")));

    try (StatementCounter.Measurement statements = StatementCounter.measure()) {
      processor.process(results);
      // the same three statements as for one result; the limit is 10
      assertThat(statements.count()).as("%s", statements.statements()).isEqualTo(3);
    }

    assertThat(
            db.fetchCount(
                WORKFLOW_STEPS,
                WORKFLOW_STEPS.TASK_ID.in(tasks).and(WORKFLOW_STEPS.STATE.eq(StepState.COMPLETE))))
        .isEqualTo(500);
    assertThat(
            db.fetchCount(
                STEP_TRANSITIONS,
                STEP_TRANSITIONS
                    .TASK_ID
                    .in(tasks)
                    .and(STEP_TRANSITIONS.CAUSE.in("started", "success"))))
        .isEqualTo(1_000);
  }

  @Test
  void a_retryable_failure_waits_for_its_backoff_and_exhausted_attempts_block_the_task() {
    UUID task = driver.createTasks("results", "flaky", 1).getFirst();
    StepClaims claims = new StepClaims(db);

    assertThat(db.fetchValue(TASKS.STATE, TASKS.ID.eq(task))).isEqualTo(TaskState.PENDING);
    ClaimedStep first = driver.claim(List.of(task)).getFirst();
    assertThat(db.fetchValue(TASKS.STATE, TASKS.ID.eq(task)))
        .as("in progress once its first step is enqueued")
        .isEqualTo(TaskState.IN_PROGRESS);
    Instant failedAt = clock.instant();
    processor.process(List.of(failure(first, true, null)));

    assertThat(steps(task)).containsEntry("call", StepState.WAITING_FOR_RETRY);
    assertThat(nextAttemptAt(first)).isEqualTo(failedAt.plusSeconds(2));
    assertThat(db.fetchValue(TASKS.STATE, TASKS.ID.eq(task)))
        .isEqualTo(TaskState.WAITING_FOR_RETRY);
    assertThat(claims.claimRetriesDue(10, 10, clock.instant())).isEmpty();

    clock.advance(Duration.ofSeconds(2));
    ClaimedStep second = claims.claimRetriesDue(10, 10, clock.instant()).getFirst();
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(db.fetchValue(TASKS.STATE, TASKS.ID.eq(task)))
        .as("in progress again once its retry is enqueued")
        .isEqualTo(TaskState.IN_PROGRESS);
    assertThat(
            db.select(
                    TASK_TRANSITIONS.FROM_STATE, TASK_TRANSITIONS.TO_STATE, TASK_TRANSITIONS.CAUSE)
                .from(TASK_TRANSITIONS)
                .where(TASK_TRANSITIONS.TASK_ID.eq(task))
                .orderBy(TASK_TRANSITIONS.ID)
                .fetch(r -> r.value1() + ">" + r.value2() + ":" + r.value3()))
        .containsExactly(
            "null>PENDING:created",
            "PENDING>IN_PROGRESS:dispatch",
            "IN_PROGRESS>WAITING_FOR_RETRY:step_result",
            "WAITING_FOR_RETRY>IN_PROGRESS:dispatch");
    processor.process(List.of(failure(second, true, null)));
    assertThat(nextAttemptAt(second)).isEqualTo(clock.instant().plusSeconds(6));

    clock.advance(Duration.ofSeconds(6));
    ClaimedStep third = claims.claimRetriesDue(10, 10, clock.instant()).getFirst();
    processor.process(List.of(failure(third, true, null)));

    assertThat(steps(task)).containsEntry("call", StepState.ERROR);
    assertThat(db.fetchValue(TASKS.STATE, TASKS.ID.eq(task)))
        .isEqualTo(TaskState.BLOCKED_BY_FAILURES);
  }

  @Test
  void a_started_attempt_has_its_whole_timeout_from_when_it_started() {
    UUID task = driver.createTasks("results", "flaky", 1).getFirst();
    ClaimedStep call = driver.claim(List.of(task)).getFirst();
    assertThat(deadlineAt(call)).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));

    clock.advance(Duration.ofMinutes(4));
    processor.process(List.of(started(call)));

    assertThat(deadlineAt(call)).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
  }

  @Test
  void dispatches_nobody_started_do_not_count_until_the_schedule_to_start_passes() {
    register(
        """
        name: impatient
        steps:
          - name: call
            timeout: 10s
            schedule_to_start: 1m
            retry: {max_attempts: 1, retryable: false, backoff: {base: 1s, jitter: 0}}
        """);
    UUID task = driver.createTasks("results", "impatient", 1).getFirst();
    ClaimedStep first = driver.claim(List.of(task)).getFirst();
    StepClaims claims = new StepClaims(db);

    clock.advance(Duration.ofSeconds(10));
    processor.process(List.of(notPickedUp(first)));
    assertThat(steps(task)).containsEntry("call", StepState.WAITING_FOR_RETRY);
    clock.advance(Duration.ofSeconds(1));
    ClaimedStep second = claims.claimRetriesDue(10, 10, clock.instant()).getFirst();
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(second.maxAttempts()).as("the first attempt does not count").isEqualTo(2);

    clock.advance(Duration.ofSeconds(60));
    processor.process(List.of(notPickedUp(second)));

    assertThat(steps(task)).containsEntry("call", StepState.ERROR);
    assertThat(lastError(second)).containsEntry("error_class", "ScheduleToStartTimeout");
    assertThat(db.fetchValue(TASKS.STATE, TASKS.ID.eq(task)))
        .isEqualTo(TaskState.BLOCKED_BY_FAILURES);
  }

  /** What the scheduler reports when a dispatch's deadline passed with no answer. */
  private static StepResult notPickedUp(ClaimedStep step) {
    return WorkflowDriver.result(
        step,
        new Outcome.Failed(
            true, ErrorClasses.DEADLINE_EXCEEDED, "no result before the attempt's deadline", null));
  }

  private Instant deadlineAt(ClaimedStep step) {
    return db.fetchValue(WORKFLOW_STEPS.DEADLINE_AT, WORKFLOW_STEPS.ID.eq(step.stepId()));
  }

  @Test
  void a_requested_retry_delay_is_honoured_up_to_the_maximum() {
    List<UUID> tasks = driver.createTasks("results", "flaky", 2);
    List<ClaimedStep> claimed = driver.claim(tasks);
    Instant now = clock.instant();

    processor.process(
        List.of(
            failure(claimed.get(0), true, 10_000L),
            failure(claimed.get(1), true, Duration.ofHours(10).toMillis())));

    assertThat(nextAttemptAt(claimed.get(0))).isEqualTo(now.plusSeconds(10));
    assertThat(nextAttemptAt(claimed.get(1))).isEqualTo(now.plus(Duration.ofHours(1)));
  }

  @Test
  void a_permanent_failure_errors_the_step_and_blocks_the_task() {
    List<UUID> tasks = driver.createTasks("results", "flaky", 1);
    tasks = new ArrayList<>(tasks);
    tasks.addAll(driver.createTasks("results", "once", 1));
    List<ClaimedStep> claimed = driver.claim(tasks);

    processor.process(
        List.of(
            failure(claimed.get(0), false, null), // the worker says permanent
            failure(claimed.get(1), true, null))); // the template says never retry

    for (UUID task : tasks) {
      assertThat(steps(task)).containsEntry("call", StepState.ERROR);
      assertThat(db.fetchValue(TASKS.STATE, TASKS.ID.eq(task)))
          .isEqualTo(TaskState.BLOCKED_BY_FAILURES);
    }
  }

  @Test
  void a_result_for_a_stale_attempt_or_a_finished_step_changes_nothing() {
    UUID task = driver.createTasks("results", "flaky", 1).getFirst();
    ClaimedStep first = driver.claim(List.of(task)).getFirst();
    processor.process(List.of(failure(first, true, null)));
    clock.advance(Duration.ofSeconds(2));
    ClaimedStep second = new StepClaims(db).claimRetriesDue(10, 10, clock.instant()).getFirst();

    List<Verdict> verdicts =
        processor.process(
            List.of(
                success(first, "{\"late\": true}"), success(second, "{}"), success(second, "{}")));

    assertThat(verdicts)
        .containsExactly(
            new Verdict.Ignored(Verdict.Reason.STALE_ATTEMPT),
            Verdict.APPLIED,
            new Verdict.Ignored(Verdict.Reason.DUPLICATE));
    assertThat(db.fetchValue(WORKFLOW_STEPS.RESULTS, WORKFLOW_STEPS.ID.eq(first.stepId())))
        .isEqualTo(JSONB.valueOf("{}"));
  }

  @Test
  void a_poison_message_among_good_ones_is_dead_lettered_and_the_good_ones_apply() {
    List<UUID> tasks = driver.createTasks("results", "flaky", 2);
    List<ClaimedStep> claimed = driver.claim(tasks);
    String topic = environment.topics().stepResults();
    UUID unknownStep = UuidV7.generate();
    String poisonKey = "poison-" + UUID.randomUUID();
    try (KafkaProbe.TopicReader deadLetters = kafka.reader(environment.topics().deadLetters())) {
      send(topic, success(claimed.get(0), "{\"first\": true}"));
      kafka.send(
          topic,
          poisonKey,
          "{\"schema_version\": 1, \"outcome\": {".getBytes(StandardCharsets.UTF_8));
      send(
          topic,
          new StepResult(
              StepResult.SCHEMA_VERSION,
              UuidV7.generate(),
              tasks.get(0),
              unknownStep,
              1,
              new dev.tributary.contracts.Outcome.Started(),
              null));
      send(topic, success(claimed.get(1), "{\"second\": true}"));

      List<ConsumerRecord<String, byte[]>> dead =
          deadLetters.awaitRecords(
              records ->
                  records.stream()
                          .filter(
                              r ->
                                  poisonKey.equals(r.key())
                                      || tasks.get(0).toString().equals(r.key()))
                          .count()
                      == 2);

      assertThat(dead)
          .extracting(r -> KafkaProbe.header(r, MessageHeaders.DEAD_LETTER_REASON))
          .contains("unknown step " + unknownStep + " of task " + tasks.get(0))
          .anySatisfy(reason -> assertThat(reason).startsWith("malformed JSON"));
    }
    await()
        .untilAsserted(
            () ->
                assertThat(
                        db.fetchCount(
                            WORKFLOW_STEPS,
                            WORKFLOW_STEPS
                                .TASK_ID
                                .in(tasks)
                                .and(WORKFLOW_STEPS.STATE.eq(StepState.COMPLETE))))
                    .isEqualTo(2));
  }

  @Test
  void a_success_or_checkpoint_holding_U0000_fails_the_step_at_once_for_good() {
    List<UUID> tasks = driver.createTasks("results", "flaky", 2);
    List<ClaimedStep> claimed = driver.claim(tasks);

    List<Verdict> verdicts =
        processor.process(
            List.of(
                WorkflowDriver.result(
                    claimed.get(0),
                    new Outcome.Succeeded(
                        WorkflowDriver.json("{\"name\": [\"ok\", \"a\\u0000b\"]}"))),
                WorkflowDriver.result(
                    claimed.get(1),
                    new Outcome.Checkpointed(WorkflowDriver.json("{\"a\\u0000\": 1}"), 1L))));

    assertThat(verdicts).containsOnly(Verdict.APPLIED);
    for (UUID task : tasks) {
      assertThat(steps(task)).containsEntry("call", StepState.ERROR);
      assertThat(db.fetchValue(TASKS.STATE, TASKS.ID.eq(task)))
          .isEqualTo(TaskState.BLOCKED_BY_FAILURES);
    }
    assertThat(lastError(claimed.get(0)))
        .containsEntry("error_class", "InvalidOutcome")
        .containsEntry("retryable", "false")
        .containsEntry("message", "result.name[1] contains U+0000: " + NulCharacter.RULE);
    assertThat(lastError(claimed.get(1)).get("message"))
        .isEqualTo("checkpoint (in a key) contains U+0000: " + NulCharacter.RULE);
  }

  @Test
  void a_failure_whose_words_hold_U0000_is_stored_with_replacement_characters() {
    UUID task = driver.createTasks("results", "flaky", 1).getFirst();
    ClaimedStep call = driver.claim(List.of(task)).getFirst();

    processor.process(
        List.of(
            WorkflowDriver.result(call, new Outcome.Failed(true, "Bad\0Class", "no\0pe", null))));

    assertThat(steps(task)).containsEntry("call", StepState.WAITING_FOR_RETRY);
    assertThat(lastError(call))
        .containsEntry("error_class", "Bad\uFFFDClass")
        .containsEntry("message", "no\uFFFDpe");
  }

  @Test
  void results_not_keyed_by_their_task_id_are_dead_lettered_and_counted() {
    List<UUID> tasks = driver.createTasks("results", "flaky", 3);
    List<ClaimedStep> claimed = driver.claim(tasks);
    String topic = environment.topics().stepResults();
    double before = deadLetters("wrong_key");
    try (KafkaProbe.TopicReader dead = kafka.reader(environment.topics().deadLetters())) {
      StepResult unkeyed = success(claimed.get(0), "{}");
      StepResult misrouted = success(claimed.get(1), "{}");
      StepResult capitals = success(claimed.get(2), "{}");
      kafka.send(topic, null, RESULTS.encode(unkeyed));
      kafka.send(topic, tasks.get(0).toString(), RESULTS.encode(misrouted));
      kafka.send(topic, tasks.get(2).toString().toUpperCase(Locale.ROOT), RESULTS.encode(capitals));

      List<String> reasons =
          dead
              .awaitRecords(
                  records ->
                      records.stream()
                              .filter(
                                  r -> r.key() == null || tasks.get(0).toString().equals(r.key()))
                              .count()
                          == 2)
              .stream()
              .filter(r -> r.key() == null || tasks.get(0).toString().equals(r.key()))
              .map(r -> KafkaProbe.header(r, MessageHeaders.DEAD_LETTER_REASON))
              .toList();

      assertThat(reasons)
          .containsExactlyInAnyOrder(
              "the record has no key; a result must be keyed by its task id " + tasks.get(0),
              "the record's key '"
                  + tasks.get(0)
                  + "' is not its task id; a result must be keyed by "
                  + tasks.get(1));
    }
    await()
        .untilAsserted(
            () -> assertThat(steps(tasks.get(2))).containsEntry("call", StepState.COMPLETE));
    assertThat(steps(tasks.get(0))).containsEntry("call", StepState.ENQUEUED);
    assertThat(steps(tasks.get(1))).containsEntry("call", StepState.ENQUEUED);
    assertThat(deadLetters("wrong_key") - before).isEqualTo(2);
  }

  @Test
  void a_message_that_is_json_null_is_dead_lettered_as_such() {
    String key = UUID.randomUUID().toString();
    try (KafkaProbe.TopicReader dead = kafka.reader(environment.topics().deadLetters())) {
      kafka.send(environment.topics().stepResults(), key, "null".getBytes(StandardCharsets.UTF_8));

      ConsumerRecord<String, byte[]> letter =
          dead.awaitRecords(records -> records.stream().anyMatch(r -> key.equals(r.key()))).stream()
              .filter(r -> key.equals(r.key()))
              .findFirst()
              .orElseThrow();

      assertThat(KafkaProbe.header(letter, MessageHeaders.DEAD_LETTER_REASON))
          .isEqualTo("the message is JSON null; expected a JSON object (StepResult)");
    }
  }

  private double deadLetters(String reason) {
    return meters.find("tributary.messages.dead.lettered").tag("reason", reason).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private Map<String, String> lastError(ClaimedStep step) {
    JSONB error = db.fetchValue(WORKFLOW_STEPS.LAST_ERROR, WORKFLOW_STEPS.ID.eq(step.stepId()));
    Map<String, String> fields = new java.util.HashMap<>();
    WorkflowDriver.json(error.data())
        .properties()
        .forEach(e -> fields.put(e.getKey(), e.getValue().asString()));
    return fields;
  }

  @Test
  void task_events_are_published_after_the_commit() {
    UUID task = driver.createTasks("results", "once", 1).getFirst();
    ClaimedStep call = driver.claim(List.of(task)).getFirst();
    try (KafkaProbe.TopicReader events = kafka.reader(environment.topics().taskEvents())) {
      send(environment.topics().stepResults(), started(call));
      send(environment.topics().stepResults(), success(call, "{}"));

      List<TaskEvent> published =
          events
              .awaitRecords(
                  records ->
                      records.stream().filter(r -> task.toString().equals(r.key())).count() == 2)
              .stream()
              .filter(r -> task.toString().equals(r.key()))
              .map(r -> JsonCodec.of(TaskEvent.class).decode(r.value()))
              .toList();

      assertThat(published)
          .extracting(TaskEvent::fromState, TaskEvent::state)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(TaskState.PENDING, TaskState.IN_PROGRESS),
              org.assertj.core.groups.Tuple.tuple(TaskState.IN_PROGRESS, TaskState.COMPLETE));
      assertThat(published.getLast().namespace()).isEqualTo("results");
      assertThat(published.getLast().name()).isEqualTo("once");
    }
  }

  private void send(String topic, StepResult result) {
    kafka.send(topic, result.taskId().toString(), RESULTS.encode(result));
  }

  private Instant nextAttemptAt(ClaimedStep step) {
    return db.fetchValue(WORKFLOW_STEPS.NEXT_ATTEMPT_AT, WORKFLOW_STEPS.ID.eq(step.stepId()));
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
}
