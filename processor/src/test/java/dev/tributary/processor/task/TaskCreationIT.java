package dev.tributary.processor.task;

import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEP_EDGES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.MessageHeaders;
import dev.tributary.contracts.NulCharacter;
import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskRequest;
import dev.tributary.contracts.TaskState;
import dev.tributary.contracts.UuidV7;
import dev.tributary.core.template.TemplateParser;
import dev.tributary.processor.ProcessorIntegration;
import dev.tributary.processor.task.CreationOutcome.Created;
import dev.tributary.processor.task.CreationOutcome.Duplicate;
import dev.tributary.processor.template.TemplateCatalog;
import dev.tributary.store.metrics.StatementCounter;
import dev.tributary.testkit.KafkaProbe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

class TaskCreationIT extends ProcessorIntegration {

  private static final JsonCodec<TaskRequest> REQUESTS = JsonCodec.of(TaskRequest.class);

  @Autowired TemplateCatalog catalog;
  @Autowired TaskCreation creation;

  private DSLContext db;

  @BeforeEach
  void registerTemplates() {
    db = environment.database().dsl();
    catalog.register(
        TemplateParser.fromYaml(
            """
            namespace: shop
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

  @Test
  void a_thousand_step_template_creates_its_task_with_one_insert_statement() {
    String steps =
        IntStream.range(0, 1_000)
            .mapToObj(
                i ->
                    "  - name: s%04d%n".formatted(i)
                        + (i == 0 ? "" : "    depends_on: [s%04d]%n".formatted(i - 1)))
            .collect(Collectors.joining());
    catalog.register(
        TemplateParser.fromYaml(
            "namespace: shop\nname: long\nversion: \"1\"\nsteps:\n" + steps, "test"));

    List<CreationOutcome> outcomes;
    try (StatementCounter.Measurement measurement = StatementCounter.measure()) {
      outcomes = creation.create(List.of(request("long", "{\"n\": 1}")));
      // One to resolve the template's latest version, one to insert the task, its 1,000 steps,
      // 999 edges and its audit row.
      assertThat(measurement.count()).as("%s", measurement.statements()).isEqualTo(2);
    }

    UUID taskId = ((Created) outcomes.getFirst()).taskId();
    assertThat(db.fetchCount(WORKFLOW_STEPS, WORKFLOW_STEPS.TASK_ID.eq(taskId))).isEqualTo(1_000);
    assertThat(db.fetchCount(WORKFLOW_STEP_EDGES, WORKFLOW_STEP_EDGES.TASK_ID.eq(taskId)))
        .isEqualTo(999);
    assertThat(
            db.select(WORKFLOW_STEPS.NAME)
                .from(WORKFLOW_STEPS)
                .where(WORKFLOW_STEPS.TASK_ID.eq(taskId))
                .and(WORKFLOW_STEPS.UNMET_DEPENDENCIES.eq(0))
                .fetch(WORKFLOW_STEPS.NAME))
        .containsExactly("s0000");
  }

  @Test
  void a_task_starts_pending_with_its_counters_set_from_the_template() {
    UUID taskId = created(creation.create(List.of(request("diamond", "{\"order\": 7}"))));

    var steps =
        db.select(WORKFLOW_STEPS.NAME, WORKFLOW_STEPS.STATE, WORKFLOW_STEPS.UNMET_DEPENDENCIES)
            .from(WORKFLOW_STEPS)
            .where(WORKFLOW_STEPS.TASK_ID.eq(taskId))
            .orderBy(WORKFLOW_STEPS.NAME)
            .fetch();
    assertThat(steps.getValues(WORKFLOW_STEPS.NAME)).containsExactly("a", "b", "c", "d");
    assertThat(steps.getValues(WORKFLOW_STEPS.UNMET_DEPENDENCIES)).containsExactly(0, 1, 1, 2);
    assertThat(steps.getValues(WORKFLOW_STEPS.STATE)).containsOnly(StepState.PENDING);
    assertThat(db.fetchValue(TASKS.STATE, TASKS.ID.eq(taskId))).isEqualTo(TaskState.PENDING);
  }

  @Test
  void duplicate_requests_in_one_batch_and_across_batches_create_one_task() {
    TaskRequest request = request("diamond", "{\"order\": 8, \"lines\": [1, 2]}");
    TaskRequest sameContextReordered = request("diamond", "{\"lines\": [1, 2], \"order\": 8}");

    List<CreationOutcome> first = creation.create(List.of(request, sameContextReordered));
    List<CreationOutcome> second = creation.create(List.of(request));

    assertThat(first.get(0)).isInstanceOf(Created.class);
    assertThat(first.get(1)).isInstanceOf(Duplicate.class);
    assertThat(second.getFirst()).isInstanceOf(Duplicate.class);
    assertThat(
            db.fetchCount(
                TASKS, TASKS.CONTEXT.eq(JSONB.valueOf("{\"order\": 8, \"lines\": [1, 2]}"))))
        .isEqualTo(1);
  }

  @Test
  void an_explicit_idempotency_key_wins_over_the_context() {
    String key = "order-" + UUID.randomUUID();

    List<CreationOutcome> outcomes =
        creation.create(
            List.of(
                request("diamond", "{\"attempt\": 1}").withIdempotencyKey(key),
                request("diamond", "{\"attempt\": 2}").withIdempotencyKey(key)));

    assertThat(outcomes).hasExactlyElementsOfTypes(Created.class, Duplicate.class);
  }

  @Test
  void duplicate_requests_on_the_topic_create_one_task() {
    String correlation = "dup-" + UUID.randomUUID();
    byte[] request =
        REQUESTS.encode(
            new TaskRequest(
                1,
                "shop",
                "diamond",
                null,
                context("{\"c\": \"" + correlation + "\"}"),
                correlation,
                null,
                null,
                0,
                null));

    kafka.send(environment.topics().taskRequests(), correlation, request);
    kafka.send(environment.topics().taskRequests(), correlation, request);
    kafka.send(environment.topics().taskRequests(), correlation, request);

    await()
        .untilAsserted(
            () ->
                assertThat(db.fetchCount(TASKS, TASKS.CORRELATION_ID.eq(correlation)))
                    .isEqualTo(1));
    // A later good request proves the three were all consumed, not just the first.
    String marker = "after-" + UUID.randomUUID();
    kafka.send(
        environment.topics().taskRequests(),
        marker,
        REQUESTS.encode(
            new TaskRequest(
                1, "shop", "diamond", null, context("{}"), marker, null, marker, 0, null)));
    await()
        .untilAsserted(
            () -> assertThat(db.fetchCount(TASKS, TASKS.CORRELATION_ID.eq(marker))).isEqualTo(1));
    assertThat(db.fetchCount(TASKS, TASKS.CORRELATION_ID.eq(correlation))).isEqualTo(1);
  }

  @Test
  void a_malformed_request_is_dead_lettered_with_its_reason_and_the_next_one_succeeds() {
    String badKey = "bad-" + UUID.randomUUID();
    String unknownKey = "unknown-" + UUID.randomUUID();
    String good = "good-" + UUID.randomUUID();
    try (KafkaProbe.TopicReader deadLetters = kafka.reader(environment.topics().deadLetters())) {
      kafka.send(
          environment.topics().taskRequests(),
          badKey,
          "{\"namespace\": \"shop\", \"name\": ".getBytes(StandardCharsets.UTF_8));
      kafka.send(
          environment.topics().taskRequests(),
          unknownKey,
          REQUESTS.encode(TaskRequest.of("shop", "no_such_template", context("{}"))));
      kafka.send(
          environment.topics().taskRequests(),
          good,
          REQUESTS.encode(
              new TaskRequest(
                  1, "shop", "diamond", null, context("{}"), good, null, good, 0, null)));

      List<ConsumerRecord<String, byte[]>> dead =
          deadLetters.awaitRecords(
              records ->
                  records.stream()
                          .filter(r -> List.of(badKey, unknownKey).contains(r.key()))
                          .count()
                      == 2);

      assertThat(reasonFor(dead, badKey)).startsWith("malformed JSON");
      assertThat(reasonFor(dead, unknownKey))
          .isEqualTo("unknown template shop/no_such_template (any version)");
      ConsumerRecord<String, byte[]> bad =
          dead.stream().filter(r -> badKey.equals(r.key())).findFirst().orElseThrow();
      assertThat(KafkaProbe.header(bad, MessageHeaders.DLT_ORIGINAL_TOPIC))
          .isEqualTo(environment.topics().taskRequests());
      assertThat(KafkaProbe.header(bad, MessageHeaders.DEAD_LETTER_SERVICE))
          .isEqualTo("tributary-processor");
    }
    await()
        .untilAsserted(
            () -> assertThat(db.fetchCount(TASKS, TASKS.CORRELATION_ID.eq(good))).isEqualTo(1));
  }

  @Test
  void a_template_requiring_a_caller_key_rejects_requests_without_one() {
    catalog.register(
        TemplateParser.fromYaml(
            """
            namespace: shop
            name: keyed
            version: "1"
            identity: caller_provided
            steps:
              - name: only
            """,
            "test"));

    List<CreationOutcome> outcomes =
        creation.create(
            List.of(
                request("keyed", "{}"),
                request("keyed", "{}").withIdempotencyKey("k-" + UUID.randomUUID())));

    assertThat(outcomes.get(0))
        .isEqualTo(
            new CreationOutcome.Rejected(
                "template shop/keyed@1 uses identity strategy caller_provided:"
                    + " send an idempotency_key"));
    assertThat(outcomes.get(1)).isInstanceOf(Created.class);
  }

  @Test
  void an_always_unique_request_delivered_again_creates_its_task_once() {
    catalog.register(
        TemplateParser.fromYaml(
            """
            namespace: shop
            name: unique
            version: "1"
            identity: always_unique
            steps:
              - name: only
            """,
            "test"));
    TaskRequest plain = request("unique", "{}");
    TaskRequest withId =
        new TaskRequest(
            1, "shop", "unique", null, context("{}"), null, null, null, 0, UuidV7.generate());

    List<CreationOutcome> first =
        creation.submit(
            List.of(
                new Submission(plain, "record:requests/0@17/1700000000000"),
                new Submission(withId, "record:requests/0@18/1700000000001")));
    // The same records redelivered after a crash, and the message with an id sent again.
    List<CreationOutcome> again =
        creation.submit(
            List.of(
                new Submission(plain, "record:requests/0@17/1700000000000"),
                new Submission(withId, "record:requests/0@18/1700000000001"),
                new Submission(withId, "record:requests/1@5/1700000000002")));
    List<CreationOutcome> other =
        creation.submit(List.of(new Submission(plain, "record:requests/0@19/1700000000003")));

    assertThat(first).hasExactlyElementsOfTypes(Created.class, Created.class);
    assertThat(again).hasExactlyElementsOfTypes(Duplicate.class, Duplicate.class, Duplicate.class);
    assertThat(other).hasExactlyElementsOfTypes(Created.class);
  }

  @Test
  void a_context_too_large_for_a_dispatch_is_rejected_when_it_arrives() {
    String large = "{\"blob\": \"" + "x".repeat(TaskRequest.MAX_CONTEXT_BYTES) + "\"}";

    List<CreationOutcome> outcomes = creation.create(List.of(request("diamond", large)));

    assertThat(outcomes.getFirst())
        .isEqualTo(
            new CreationOutcome.Rejected(
                "context of "
                    + (TaskRequest.MAX_CONTEXT_BYTES + 11)
                    + " bytes exceeds the limit of "
                    + TaskRequest.MAX_CONTEXT_BYTES
                    + " bytes: every dispatch of the task carries its context, and a dispatch must"
                    + " fit in one message of 1000000 bytes"));
  }

  @Test
  void a_request_holding_U0000_is_dead_lettered_with_a_plain_reason() {
    String key = "nul-" + UUID.randomUUID();
    try (KafkaProbe.TopicReader deadLetters = kafka.reader(environment.topics().deadLetters())) {
      kafka.send(
          environment.topics().taskRequests(),
          key,
          ("{\"schema_version\": 1, \"namespace\": \"shop\", \"name\": \"diamond\","
                  + " \"context\": {\"note\": \"a\\u0000b\"}}")
              .getBytes(StandardCharsets.UTF_8));

      List<ConsumerRecord<String, byte[]>> dead =
          deadLetters.awaitRecords(records -> records.stream().anyMatch(r -> key.equals(r.key())));

      assertThat(reasonFor(dead, key))
          .isEqualTo("invalid TaskRequest: context.note contains U+0000: " + NulCharacter.RULE);
    }
  }

  private static String reasonFor(List<ConsumerRecord<String, byte[]>> records, String key) {
    return records.stream()
        .filter(r -> key.equals(r.key()))
        .map(r -> KafkaProbe.header(r, MessageHeaders.DEAD_LETTER_REASON))
        .findFirst()
        .orElseThrow();
  }

  private static UUID created(List<CreationOutcome> outcomes) {
    return ((Created) outcomes.getFirst()).taskId();
  }

  static TaskRequest request(String template, String context) {
    return TaskRequest.of("shop", template, context(context));
  }

  static ObjectNode context(String json) {
    return (ObjectNode) tools.jackson.databind.json.JsonMapper.shared().readTree(json);
  }
}
