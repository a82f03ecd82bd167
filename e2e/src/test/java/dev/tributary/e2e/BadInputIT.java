package dev.tributary.e2e;

import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.contracts.BatchCursor;
import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.MessageHeaders;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskRequest;
import dev.tributary.contracts.TaskState;
import dev.tributary.contracts.UuidV7;
import dev.tributary.core.template.TemplateParser;
import dev.tributary.processor.operator.OperatorService;
import dev.tributary.processor.task.CreationOutcome;
import dev.tributary.processor.task.TaskCreation;
import dev.tributary.processor.template.TemplateCatalog;
import dev.tributary.testkit.Invariants;
import dev.tributary.testkit.KafkaProbe;
import dev.tributary.testkit.KafkaServer;
import dev.tributary.testkit.TestEnvironment;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The bad input catalogue: one row per kind of bad input, on the task-requests and step-results
 * topics and on the REST API, each with what must become of it (a dead letter with the reason, a
 * result ignored and counted, a step failed with the reason, or a 4xx problem detail). After each
 * row, nothing else is affected: a good task sent right after still completes, the steps of every
 * other task are unchanged, the invariants hold and the tables are intact.
 *
 * <p>Bad records go to every partition of their topic, ahead of the good task's messages, so that
 * whichever partition the good task lands on, it queues behind the bad input.
 */
class BadInputIT {

  private static final Logger log = LoggerFactory.getLogger(BadInputIT.class);
  private static final JsonCodec<StepResult> RESULTS = JsonCodec.of(StepResult.class);
  private static final JsonCodec<TaskRequest> REQUESTS = JsonCodec.of(TaskRequest.class);
  private static final String SQL = "'; DROP TABLE tasks; --";

  private static TestEnvironment environment;
  private static Cluster cluster;
  private static ConfigurableApplicationContext processor;
  private static SimulatedWorkers workers;
  private static KafkaProducer<String, byte[]> producer;
  private static KafkaProbe probe;
  private static KafkaProbe.TopicReader deadLetters;
  private static DSLContext db;
  private static RestClient http;
  private static int inputs;

  @BeforeAll
  static void start() {
    environment = TestEnvironment.create();
    db = environment.database().dsl();
    cluster = new Cluster(environment, Clock.systemUTC());
    processor = cluster.startProcessor();
    cluster.startScheduler();
    workers =
        new SimulatedWorkers(
            environment.bootstrapServers(),
            environment.topics(),
            "e2e",
            SimulatedWorkers.succeeding());
    // Steps of the "held" namespace are dispatched but no worker answers: their attempts stay
    // open for the rows that need a step in flight.
    register(
        """
        name: one
        steps:
          - name: only
        """);
    register(
        """
        name: decide
        steps:
          - name: choose
            kind: decision
            branches: [left, right]
          - name: left
            depends_on: [choose]
          - name: right
            depends_on: [choose]
        """);
    register(
        """
        name: split
        steps:
          - name: divide
            kind: batchable
            batch_worker: part
          - name: part
            kind: batch_worker
        """);
    // The good task sent after every row: one step, answered by the workers at once.
    processor
        .getBean(TemplateCatalog.class)
        .register(
            TemplateParser.fromYaml(
                """
                namespace: e2e
                name: good
                version: "1"
                steps:
                  - name: only
                """,
                "test"));
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers());
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    // Room for records up to the broker's limit (message.max.bytes, about 1 MiB by default).
    properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000);
    producer = new KafkaProducer<>(properties);
    probe = new KafkaProbe(environment.bootstrapServers());
    deadLetters = probe.reader(environment.topics().deadLetters());
    http =
        RestClient.builder()
            .baseUrl(
                "http://localhost:" + processor.getEnvironment().getProperty("local.server.port"))
            .defaultHeaders(headers -> headers.setBasicAuth(Cluster.USER, Cluster.PASSWORD))
            .defaultStatusHandler(status -> true, (request, response) -> {})
            .build();
    // Bystanders: tasks that no row touches, one of each template, held mid-flight.
    heldStep("one");
    heldStep("decide");
    heldStep("split");
    goodTaskCompletes();
  }

  @AfterAll
  static void stop() {
    log.info("Bad input catalogue: {} inputs tried", inputs);
    deadLetters.close();
    probe.close();
    producer.close(Duration.ofSeconds(5));
    workers.close();
    cluster.close();
  }

  private static void register(String yaml) {
    processor
        .getBean(TemplateCatalog.class)
        .register(
            TemplateParser.fromYaml(
                "namespace: held\nversion: \"1\"\nidentity: always_unique\n"
                    + "defaults: {timeout: 1h}\n"
                    + yaml,
                "test"));
  }

  // ---------------------------------------------------------------------------------------------
  // The catalogue

  /** Where a bad input goes. */
  enum Channel {
    TASK_REQUESTS,
    STEP_RESULTS,
    REST
  }

  /** What must become of it. */
  sealed interface Expected {}

  /** A dead letter on every partition the input went to, whose reason contains this. */
  record DeadLettered(String reason) implements Expected {}

  /** Counted as ignored with this reason (a metric tag); the step is unchanged. */
  record Ignored(String reason) implements Expected {}

  /** Applied, and the step failed for good with a last error whose message contains this. */
  record StepFailed(String message) implements Expected {}

  /** Applied: the step completed. */
  record StepCompleted() implements Expected {}

  /**
   * Accepted as it is: the task created with this correlation id completes, its context holding
   * {@code context} verbatim.
   */
  record Completes(String correlationId, String context, int tasks) implements Expected {}

  /** A problem detail with this status whose detail contains this. */
  record Problem(int status, String detail) implements Expected {}

  /** A step in flight the row may aim at: dispatched, with no answer yet. */
  record InFlight(UUID taskId, UUID stepId, String stepName, int attempt) {}

  /**
   * One row: what to send, built from a fresh step in flight of the given held template when the
   * row needs one.
   *
   * @param heldTemplate the held template whose step the row aims at; null when it needs none
   */
  record Row(
      String name,
      Channel channel,
      @Nullable String heldTemplate,
      Function<@Nullable InFlight, Input> input,
      Expected expected) {}

  /**
   * Bytes for a topic, or an HTTP request.
   *
   * @param key the record's key: a row's own fresh key when null, none at all when {@link #NO_KEY}
   */
  // The array is the bytes to send as they are (some are not UTF-8). An Input is never compared or
  // hashed, so the identity-based equals() that an array component gives does not matter; the
  // one comparison of bytes uses Arrays.equals.
  @SuppressWarnings("ArrayRecordComponent")
  record Input(
      byte @Nullable [] value,
      @Nullable String key,
      @Nullable HttpMethod method,
      @Nullable String path,
      @Nullable String contentType) {

    static final String NO_KEY = "";

    static Input bytes(byte @Nullable [] value) {
      return new Input(value, null, null, null, null);
    }

    static Input text(String value) {
      return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    static Input keyed(String key, byte[] value) {
      return new Input(value, key, null, null, null);
    }

    static Input http(HttpMethod method, String path, String contentType, @Nullable String body) {
      return new Input(
          body == null ? null : body.getBytes(StandardCharsets.UTF_8),
          null,
          method,
          path,
          contentType);
    }
  }

  static List<Row> catalogue() {
    String task = "\"schema_version\": 1, \"namespace\": \"e2e\", \"name\": \"diamond\"";
    String okResult = "{\"type\": \"success\", \"result\": {}}";
    return List.of(
        // Task requests: unreadable
        row("empty record", Channel.TASK_REQUESTS, Input.bytes(new byte[0]), dead("empty message")),
        row("tombstone (null value)", Channel.TASK_REQUESTS, Input.bytes(null), dead("empty")),
        row("not JSON", Channel.TASK_REQUESTS, Input.text(SQL), dead("malformed JSON")),
        row(
            "truncated JSON",
            Channel.TASK_REQUESTS,
            Input.text("{" + task + ", \"context\": {"),
            dead("malformed JSON")),
        row(
            "binary garbage",
            Channel.TASK_REQUESTS,
            Input.bytes(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, 3}),
            dead("malformed JSON")),
        row(
            "JSON array instead of an object",
            Channel.TASK_REQUESTS,
            Input.text("[" + "{" + task + "}" + "]"),
            dead("invalid TaskRequest")),
        row(
            "schema_version as a string",
            Channel.TASK_REQUESTS,
            Input.text(
                "{\"schema_version\": \"1\", \"namespace\": \"e2e\", \"name\": \"diamond\"}"),
            dead("schema_version must be an integer")),
        row(
            "unsupported schema_version",
            Channel.TASK_REQUESTS,
            Input.text("{\"schema_version\": 99, \"namespace\": \"e2e\", \"name\": \"diamond\"}"),
            dead("schema_version 99 is not supported")),
        row(
            "missing name",
            Channel.TASK_REQUESTS,
            Input.text("{\"schema_version\": 1, \"namespace\": \"e2e\"}"),
            dead("name is required")),
        row(
            "missing schema_version",
            Channel.TASK_REQUESTS,
            Input.text("{\"namespace\": \"e2e\", \"name\": \"diamond\"}"),
            dead("schema_version is required")),
        row(
            "context not an object",
            Channel.TASK_REQUESTS,
            Input.text("{" + task + ", \"context\": [1, 2]}"),
            dead("context must be a JSON object")),
        row(
            "priority out of range",
            Channel.TASK_REQUESTS,
            Input.text("{" + task + ", \"priority\": 1000000}"),
            dead("priority must be between")),
        row(
            "priority as a float",
            Channel.TASK_REQUESTS,
            Input.text("{" + task + ", \"priority\": 1.5}"),
            dead("priority must be an integer")),
        row(
            "idempotency key too long",
            Channel.TASK_REQUESTS,
            Input.text("{" + task + ", \"idempotency_key\": \"" + "k".repeat(300) + "\"}"),
            dead("idempotency_key is longer than 255")),
        row(
            "unknown template",
            Channel.TASK_REQUESTS,
            Input.text("{\"schema_version\": 1, \"namespace\": \"e2e\", \"name\": \"nope\"}"),
            dead("unknown template e2e/nope")),
        row(
            "unknown template version",
            Channel.TASK_REQUESTS,
            Input.text("{" + task + ", \"version\": \"42\"}"),
            dead("unknown template e2e/diamond@42")),
        row(
            "SQL in the template name",
            Channel.TASK_REQUESTS,
            Input.text(
                "{\"schema_version\": 1, \"namespace\": \"e2e\", \"name\": " + quote(SQL) + "}"),
            dead("unknown template e2e/" + SQL)),
        row(
            "SQL in the namespace",
            Channel.TASK_REQUESTS,
            Input.text(
                "{\"schema_version\": 1, \"namespace\": " + quote(SQL) + ", \"name\": \"x\"}"),
            dead("must match")),
        row(
            "deeply nested context (10,000 levels; the limit is 64)",
            Channel.TASK_REQUESTS,
            Input.text("{" + task + ", \"context\": {\"deep\": " + nested(10_000) + "}}"),
            dead("nesting depth")),
        row(
            "oversized request (1,000,100 bytes)",
            Channel.TASK_REQUESTS,
            Input.text(padded("{" + task + ", \"context\": {\"pad\": \"%s\"}}", 1_000_100)),
            dead("exceeds the limit of 1000000")),
        row(
            "oversized request near the broker's limit (1,048,000 bytes)",
            Channel.TASK_REQUESTS,
            Input.text(padded("{" + task + ", \"context\": {\"pad\": \"%s\"}}", 1_048_000)),
            dead("exceeds the limit of 1000000 (value of 1048000 bytes left out")),
        row(
            "JSON null",
            Channel.TASK_REQUESTS,
            Input.text("null"),
            dead("the message is JSON null")),
        row(
            "U+0000 in the context",
            Channel.TASK_REQUESTS,
            Input.text("{" + task + ", \"context\": {\"note\": \"a\\u0000b\"}}"),
            dead("context.note contains U+0000")),
        row(
            "U+0000 in the correlation id",
            Channel.TASK_REQUESTS,
            Input.text("{" + task + ", \"correlation_id\": \"\\u0000\"}"),
            dead("correlation_id contains U+0000")),
        row(
            "a context no dispatch could carry (950,000 bytes, within the message limit)",
            Channel.TASK_REQUESTS,
            Input.text(padded("{" + task + ", \"context\": {\"pad\": \"%s\"}}", 950_000)),
            dead("exceeds the limit of " + TaskRequest.MAX_CONTEXT_BYTES + " bytes")),
        accepted(
            "an integer written as 1.0",
            "{\"written\": \"1.0\"}",
            ", \"priority\": 1.0",
            "\"written\": \"1.0\"",
            1),
        accepted("SQL in the context", "{\"note\": " + quote(SQL) + "}", "", SQL, 1),
        accepted(
            "SQL in the idempotency key",
            "{}",
            ", \"idempotency_key\": " + quote(SQL + UUID.randomUUID()),
            "{}",
            1),
        accepted(
            "SQL in the correlation id",
            "{}",
            ", \"parent_correlation_id\": " + quote(SQL),
            "{}",
            1),
        accepted(
            "deeply nested context within the limit of 64 levels (50)",
            "{\"deep\": " + nested(50) + "}",
            "",
            "[[[[",
            1),

        // Step results: unreadable
        row("empty result", Channel.STEP_RESULTS, Input.bytes(new byte[0]), dead("empty message")),
        row("tombstone result", Channel.STEP_RESULTS, Input.bytes(null), dead("empty")),
        row("result not JSON", Channel.STEP_RESULTS, Input.text("oops"), dead("malformed JSON")),
        row(
            "result that is JSON null",
            Channel.STEP_RESULTS,
            Input.text("null"),
            dead("the message is JSON null")),
        row(
            "result with SQL as task id",
            Channel.STEP_RESULTS,
            Input.text(resultJson(quote(SQL), quote(UUID.randomUUID().toString()), 1, okResult)),
            dead("task_id must be a UUID string")),
        row(
            "result with SQL as step id",
            Channel.STEP_RESULTS,
            Input.text(resultJson(quote(UUID.randomUUID().toString()), quote(SQL), 1, okResult)),
            dead("step_id must be a UUID string")),
        row(
            "result without a step id",
            Channel.STEP_RESULTS,
            Input.text(
                "{\"schema_version\": 1, \"message_id\": \""
                    + UUID.randomUUID()
                    + "\", \"task_id\": \""
                    + UUID.randomUUID()
                    + "\", \"attempt\": 1, \"outcome\": "
                    + okResult
                    + "}"),
            dead("step_id is required")),
        row(
            "attempt 0",
            Channel.STEP_RESULTS,
            Input.text(resultJson(uuid(), uuid(), 0, okResult)),
            dead("attempt must be at least 1")),
        row(
            "attempt as a string",
            Channel.STEP_RESULTS,
            Input.text(resultJson(uuid(), uuid(), "\"one\"", okResult)),
            dead("attempt must be an integer")),
        row(
            "unknown outcome type",
            Channel.STEP_RESULTS,
            Input.text(resultWithOutcome("{\"type\": \"teleported\"}")),
            dead("unknown type 'teleported'")),
        row(
            "outcome without a type",
            Channel.STEP_RESULTS,
            Input.text(resultWithOutcome("{\"result\": {}}")),
            dead("must be an object with a \"type\"")),
        row(
            "failure without retryable",
            Channel.STEP_RESULTS,
            Input.text(resultWithOutcome("{\"type\": \"failure\", \"error_class\": \"X\"}")),
            dead("retryable is required")),
        row(
            "retryable as a string",
            Channel.STEP_RESULTS,
            Input.text(
                resultWithOutcome(
                    "{\"type\": \"failure\", \"retryable\": \"yes\", \"error_class\": \"X\"}")),
            dead("retryable must be true or false")),
        row(
            "negative retry_after_ms",
            Channel.STEP_RESULTS,
            Input.text(
                resultWithOutcome(
                    "{\"type\": \"failure\", \"retryable\": true, \"error_class\": \"X\","
                        + " \"retry_after_ms\": -5}")),
            dead("retry_after_ms must not be negative")),
        row(
            "duplicated batch ids",
            Channel.STEP_RESULTS,
            Input.text(
                resultWithOutcome(
                    "{\"type\": \"success\", \"result\": {}, \"expansion\": {\"type\":"
                        + " \"create_batches\", \"cursors\": [{\"batch_id\": \"a\", \"start\": 0,"
                        + " \"end\": 1}, {\"batch_id\": \"a\", \"start\": 1, \"end\": 2}]}}")),
            dead("batch_id 'a' appears more than once")),
        row(
            "negative batch size",
            Channel.STEP_RESULTS,
            Input.text(
                resultWithOutcome(
                    "{\"type\": \"success\", \"result\": {}, \"expansion\": {\"type\":"
                        + " \"create_batches\", \"total_items\": 10, \"batch_size\": -3}}")),
            dead("batch_size must be at least 1")),
        row(
            "negative total items",
            Channel.STEP_RESULTS,
            Input.text(
                resultWithOutcome(
                    "{\"type\": \"success\", \"result\": {}, \"expansion\": {\"type\":"
                        + " \"create_batches\", \"total_items\": -10, \"batch_size\": 3}}")),
            dead("total_items must not be negative")),
        row(
            "SQL as a batch id",
            Channel.STEP_RESULTS,
            Input.text(
                resultWithOutcome(
                    "{\"type\": \"success\", \"result\": {}, \"expansion\": {\"type\":"
                        + " \"create_batches\", \"cursors\": [{\"batch_id\": "
                        + quote(SQL)
                        + ", \"start\": 0, \"end\": 1}]}}")),
            dead("must match")),
        row(
            "deeply nested result (10,000 levels)",
            Channel.STEP_RESULTS,
            Input.text(
                resultWithOutcome("{\"type\": \"success\", \"result\": " + nested(10_000) + "}")),
            dead("nesting depth")),
        row(
            "oversized result (1,000,100 bytes)",
            Channel.STEP_RESULTS,
            Input.text(
                padded(
                    resultWithOutcome("{\"type\": \"success\", \"result\": {\"pad\": \"%s\"}}"),
                    1_000_100)),
            dead("exceeds the limit of 1000000")),
        row(
            "oversized result near the broker's limit (1,048,000 bytes)",
            Channel.STEP_RESULTS,
            Input.text(
                padded(
                    resultWithOutcome("{\"type\": \"success\", \"result\": {\"pad\": \"%s\"}}"),
                    1_048_000)),
            dead("exceeds the limit of 1000000 (value of 1048000 bytes left out")),

        // Step results: readable, but for nothing that can take them
        row("unknown step and task", Channel.STEP_RESULTS, unknownTask(), dead("unknown step")),
        held(
            "known task, unknown step",
            "one",
            step -> result(step.taskId(), UuidV7.generate(), 1, success()),
            dead("unknown step")),
        held(
            "a step under another task's id",
            "one",
            step -> result(UuidV7.generate(), step.stepId(), step.attempt(), success()),
            dead("unknown step")),
        heldKeyed(
            "result with no key",
            "one",
            step -> result(step.taskId(), step.stepId(), step.attempt(), success()),
            result -> Input.NO_KEY,
            dead("the record has no key; a result must be keyed by its task id")),
        heldKeyed(
            "result keyed by another task",
            "one",
            step -> result(step.taskId(), step.stepId(), step.attempt(), success()),
            result -> UUID.randomUUID(),
            dead("is not its task id; a result must be keyed by")),
        heldKeyed(
            "result keyed by its task id in capitals",
            "one",
            step -> result(step.taskId(), step.stepId(), step.attempt(), success()),
            result -> result.taskId().toString().toUpperCase(java.util.Locale.ROOT),
            new StepCompleted()),
        new Row(
            "attempt written as 1.0",
            Channel.STEP_RESULTS,
            "one",
            step ->
                Input.keyed(
                    step.taskId().toString(),
                    resultJson(
                            quote(step.taskId().toString()),
                            quote(step.stepId().toString()),
                            step.attempt() + ".0",
                            okResult)
                        .getBytes(StandardCharsets.UTF_8)),
            new StepCompleted()),
        held(
            "U+0000 in a success's result",
            "one",
            step ->
                result(
                    step.taskId(),
                    step.stepId(),
                    step.attempt(),
                    new Outcome.Succeeded(json("{\"note\": \"a\\u0000b\"}"))),
            new StepFailed("result.note contains U+0000")),
        held(
            "U+0000 in a checkpoint",
            "one",
            step ->
                result(
                    step.taskId(),
                    step.stepId(),
                    step.attempt(),
                    new Outcome.Checkpointed(json("{\"cursor\": \"\\u0000\"}"), 1L)),
            new StepFailed("checkpoint.cursor contains U+0000")),
        held(
            "U+0000 in a failure's message",
            "one",
            step ->
                result(
                    step.taskId(),
                    step.stepId(),
                    step.attempt(),
                    new Outcome.Failed(false, "X", "bad\0news", null)),
            new StepFailed("bad\uFFFDnews")),
        held(
            "stale attempt (a later one than dispatched)",
            "one",
            step -> result(step.taskId(), step.stepId(), step.attempt() + 4, success()),
            new Ignored("stale_attempt")),
        held(
            "stale attempt (absurdly large)",
            "one",
            step -> result(step.taskId(), step.stepId(), Integer.MAX_VALUE, success()),
            new Ignored("stale_attempt")),
        held(
            "result for a cancelled task",
            "one",
            step -> {
              processor.getBean(OperatorService.class).cancel(step.taskId(), "e2e");
              return result(step.taskId(), step.stepId(), step.attempt(), success());
            },
            new Ignored("not_applicable")),
        held(
            "duplicate of an applied failure",
            "one",
            step -> {
              StepResult failure =
                  result(
                      step.taskId(),
                      step.stepId(),
                      step.attempt(),
                      new Outcome.Failed(false, "X", "first", null));
              sendResult(failure);
              return failure;
            },
            new Ignored("duplicate")),
        held(
            "undeclared branch",
            "decide",
            step ->
                result(
                    step.taskId(),
                    step.stepId(),
                    step.attempt(),
                    new Outcome.Succeeded(
                        json("{}"), new Expansion.CreateSteps(List.of("left", "ghost")))),
            new StepFailed(
                "decision step 'choose' selected [ghost], which is not one of its declared"
                    + " branches [left, right]")),
        held(
            "SQL as a branch name",
            "decide",
            step ->
                result(
                    step.taskId(),
                    step.stepId(),
                    step.attempt(),
                    new Outcome.Succeeded(json("{}"), new Expansion.CreateSteps(List.of(SQL)))),
            new StepFailed("selected [" + SQL + "]")),
        held(
            "a decision outcome from a batchable step",
            "split",
            step ->
                result(
                    step.taskId(),
                    step.stepId(),
                    step.attempt(),
                    new Outcome.Succeeded(json("{}"), new Expansion.NoBranches())),
            new StepFailed("must return create_batches or no_batches")),
        held(
            "10^7 batches",
            "split",
            step ->
                result(
                    step.taskId(),
                    step.stepId(),
                    step.attempt(),
                    new Outcome.Succeeded(
                        json("{}"), Expansion.CreateBatches.split(10_000_000, 1))),
            new StepFailed("asked for 10000000 batches; the limit is 10000")),
        held(
            "Long.MAX_VALUE items in batches of one",
            "split",
            step ->
                result(
                    step.taskId(),
                    step.stepId(),
                    step.attempt(),
                    new Outcome.Succeeded(
                        json("{}"), Expansion.CreateBatches.split(Long.MAX_VALUE, 1))),
            new StepFailed("asked for " + Long.MAX_VALUE + " batches")),
        held(
            "a batch from a standard step",
            "one",
            step ->
                result(
                    step.taskId(),
                    step.stepId(),
                    step.attempt(),
                    new Outcome.Succeeded(
                        json("{}"),
                        Expansion.CreateBatches.of(
                            List.of(new BatchCursor("a", json("0"), json("1")))))),
            new StepFailed("cannot create steps")),
        held(
            "SQL in a failure's error class and message",
            "one",
            step ->
                result(
                    step.taskId(),
                    step.stepId(),
                    step.attempt(),
                    new Outcome.Failed(false, SQL, SQL, null)),
            new StepFailed(SQL)),

        // REST API
        rest("malformed JSON", post("/api/v1/tasks", "{\"namespace\":"), problem(400, "malformed")),
        rest(
            "wrong type",
            post("/api/v1/tasks", "{\"schema_version\": true, \"namespace\": \"e2e\"}"),
            problem(400, "schema_version must be an integer")),
        rest(
            "missing field",
            post("/api/v1/tasks", "{\"schema_version\": 1, \"namespace\": \"e2e\"}"),
            problem(400, "name is required")),
        rest(
            "unknown template",
            post(
                "/api/v1/tasks",
                "{\"schema_version\": 1, \"namespace\": \"e2e\", \"name\": \"x\"}"),
            problem(422, "unknown template e2e/x")),
        rest(
            "SQL in the template name",
            post(
                "/api/v1/tasks",
                "{\"schema_version\": 1, \"namespace\": \"e2e\", \"name\": " + quote(SQL) + "}"),
            problem(422, "unknown template e2e/" + SQL)),
        rest(
            "deeply nested JSON",
            post("/api/v1/tasks", "{" + task + ", \"context\": " + nested(10_000) + "}"),
            problem(400, "nesting depth")),
        rest(
            "oversized body (1,000,100 bytes)",
            post(
                "/api/v1/tasks",
                padded("{" + task + ", \"context\": {\"pad\": \"%s\"}}", 1_000_100)),
            problem(400, "exceeds the limit of 1000000")),
        rest("JSON null", post("/api/v1/tasks", "null"), problem(400, "the message is JSON null")),
        rest(
            "U+0000 in the context",
            post("/api/v1/tasks", "{" + task + ", \"context\": {\"note\": \"\\u0000\"}}"),
            problem(400, "context.note contains U+0000")),
        rest(
            "a context no dispatch could carry (950,000 bytes, within the message limit)",
            post(
                "/api/v1/tasks", padded("{" + task + ", \"context\": {\"pad\": \"%s\"}}", 950_000)),
            problem(422, "exceeds the limit of " + TaskRequest.MAX_CONTEXT_BYTES + " bytes")),
        rest(
            "U+0000 in a resolution",
            Input.http(
                HttpMethod.POST,
                "/api/v1/tasks/" + UUID.randomUUID() + "/steps/a/resolve",
                "application/json",
                "{\"result\": {\"note\": \"\\u0000\"}}"),
            problem(400, "result.note contains U+0000")),
        rest(
            "SQL as a task id",
            Input.http(HttpMethod.GET, "/api/v1/tasks/" + SQL, "application/json", null),
            problem(400, "request rejected")),
        rest(
            "SQL without a semicolon as a task id",
            Input.http(
                HttpMethod.GET, "/api/v1/tasks/DROP TABLE tasks --", "application/json", null),
            problem(400, "taskId")),
        rest(
            "unknown task",
            Input.http(
                HttpMethod.GET, "/api/v1/tasks/" + UUID.randomUUID(), "application/json", null),
            problem(404, "does not exist")),
        rest(
            "SQL as a step name to retry",
            Input.http(
                HttpMethod.POST,
                "/api/v1/tasks/" + UUID.randomUUID() + "/steps/" + SQL + "/retry",
                "application/json",
                null),
            problem(400, "request rejected")),
        rest(
            "SQL without a semicolon as a step name to retry",
            Input.http(
                HttpMethod.POST,
                "/api/v1/tasks/" + UUID.randomUUID() + "/steps/DROP TABLE tasks --/retry",
                "application/json",
                null),
            problem(404, "does not exist")),
        rest(
            "SQL in a template's names",
            Input.http(
                HttpMethod.POST,
                "/api/v1/templates",
                "application/yaml",
                "namespace: e2e\nname: "
                    + quote(SQL)
                    + "\nversion: \"1\"\nsteps:\n  - name: "
                    + quote(SQL)
                    + "\n"),
            problem(422, "name must match")),
        rest(
            "template that is not YAML",
            Input.http(HttpMethod.POST, "/api/v1/templates", "application/yaml", "{{{: ["),
            problem(422, "cannot be read")),
        rest(
            "deeply nested resolution",
            Input.http(
                HttpMethod.POST,
                "/api/v1/tasks/" + UUID.randomUUID() + "/steps/a/resolve",
                "application/json",
                "{\"result\": " + nested(10_000) + "}"),
            problem(400, "nesting depth")),
        rest(
            "unsupported content type",
            Input.http(HttpMethod.POST, "/api/v1/tasks", "text/csv", "a,b"),
            problem(415, "")));
  }

  // ---------------------------------------------------------------------------------------------
  // The test

  @TestFactory
  Stream<DynamicTest>
      every_bad_input_is_dead_lettered_ignored_failed_or_refused_and_nothing_else_is_affected() {
    List<Row> rows = catalogue();
    return Stream.concat(
        IntStream.range(0, rows.size())
            .mapToObj(
                i -> DynamicTest.dynamicTest(rows.get(i).name(), () -> check(i, rows.get(i)))),
        Stream.of(
            DynamicTest.dynamicTest(
                "every row's input was tried",
                () -> {
                  log.info("Bad input catalogue: {} rows, {} inputs tried", rows.size(), inputs);
                  assertThat(inputs).isGreaterThanOrEqualTo(rows.size());
                })));
  }

  private void check(int index, Row row) {
    InFlight target = row.heldTemplate() == null ? null : heldStep(row.heldTemplate());
    Map<UUID, List<Object>> before = otherSteps(target);
    List<Object> targetBefore = target == null ? null : stepRow(target.stepId());
    Set<String> tables = tables();
    double ignoredBefore = ignored(row.expected());
    Input input = row.input().apply(target);
    String key =
        input.key() == null
            ? "bad-" + index + "-" + UUID.randomUUID()
            : input.key().equals(Input.NO_KEY) ? null : input.key();

    ResponseEntity<JsonNode> response = null;
    int sent = 0;
    switch (row.channel()) {
      case TASK_REQUESTS -> sent = sendToEveryPartition(topicOf(row), key, input.value());
      case STEP_RESULTS -> {
        if (target == null) {
          sent = sendToEveryPartition(topicOf(row), key, input.value());
        } else {
          send(topicOf(row), key, MessageHeaders.taskKey(target.taskId()), input.value());
          sent = 1;
        }
      }
      case REST -> {
        response = request(input);
        sent = 1;
      }
    }
    inputs += sent;
    int copies = sent;

    switch (row.expected()) {
      case DeadLettered dead -> {
        int expected = copies;
        List<ConsumerRecord<String, byte[]>> letters =
            deadLetters.awaitRecords(records -> sentAs(records, key, input).size() >= expected);
        for (ConsumerRecord<String, byte[]> letter : sentAs(letters, key, input)) {
          assertThat(KafkaProbe.header(letter, MessageHeaders.DEAD_LETTER_REASON))
              .as("dead letter reason")
              .contains(dead.reason());
        }
      }
      case Ignored ignored ->
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> ignored(row.expected()) > ignoredBefore);
      case StepFailed failed -> {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    db.fetchValue(WORKFLOW_STEPS.STATE, WORKFLOW_STEPS.ID.eq(target.stepId()))
                        == StepState.ERROR);
        JsonNode error =
            JsonMapper.shared()
                .readTree(
                    db.fetchValue(WORKFLOW_STEPS.LAST_ERROR, WORKFLOW_STEPS.ID.eq(target.stepId()))
                        .data());
        assertThat(error.get("message").asString()).as("last error").contains(failed.message());
      }
      case StepCompleted completed ->
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () ->
                      db.fetchValue(WORKFLOW_STEPS.STATE, WORKFLOW_STEPS.ID.eq(target.stepId()))
                          == StepState.COMPLETE);
      case Completes completes -> {
        List<UUID> created =
            await()
                .atMost(Duration.ofSeconds(30))
                .until(
                    () ->
                        db.fetchValues(
                            TASKS.ID, TASKS.CORRELATION_ID.eq(completes.correlationId())),
                    ids -> ids.size() == completes.tasks());
        Workflows.awaitState(db, created, TaskState.COMPLETE);
        for (UUID id : created) {
          assertThat(db.fetchValue(TASKS.CONTEXT, TASKS.ID.eq(id)).data())
              .as("stored context")
              .contains(completes.context());
        }
      }
      case Problem problem -> {
        assertThat(response).isNotNull();
        assertThat(response.getStatusCode().value()).as("status").isEqualTo(problem.status());
        assertThat(response.getHeaders().getContentType())
            .as("content type")
            .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(response.getBody().path("detail").asString())
            .as("problem detail")
            .isNotBlank()
            .contains(problem.detail());
      }
    }

    // Nothing else is affected.
    goodTaskCompletes();
    if (row.expected() instanceof DeadLettered || row.expected() instanceof Problem) {
      if (target != null) {
        assertThat(stepRow(target.stepId())).as("the targeted step").isEqualTo(targetBefore);
      }
    }
    assertThat(otherSteps(target)).as("steps of other tasks").containsAllEntriesOf(before);
    assertThat(tables()).as("tables").isEqualTo(tables);
    Invariants.assertAll(db);
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private static Row row(String name, Channel channel, Input input, Expected expected) {
    return new Row(name, channel, null, ignored -> input, expected);
  }

  /** A result for a step in flight, keyed by its task id as a worker keys it. */
  private static Row held(
      String name, String template, Function<InFlight, StepResult> result, Expected expected) {
    return heldKeyed(name, template, result, StepResult::taskId, expected);
  }

  /** A result for a step in flight, keyed as {@code key} says ({@link Input#NO_KEY}: none). */
  private static Row heldKeyed(
      String name,
      String template,
      Function<InFlight, StepResult> result,
      Function<StepResult, Object> key,
      Expected expected) {
    return new Row(
        name,
        Channel.STEP_RESULTS,
        template,
        step -> {
          StepResult message = result.apply(step);
          return Input.keyed(key.apply(message).toString(), RESULTS.encode(message));
        },
        expected);
  }

  /**
   * A request with these extra fields and context. Sent to every partition, it creates {@code
   * tasks} tasks: the template identifies tasks by their context (strict), so copies are one task.
   */
  private static Row accepted(
      String name, String context, String fields, String stored, int tasks) {
    String correlation = "accepted-" + UUID.randomUUID();
    return row(
        name,
        Channel.TASK_REQUESTS,
        Input.text(
            "{\"schema_version\": 1, \"namespace\": \"e2e\", \"name\": \"diamond\","
                + " \"correlation_id\": \""
                + correlation
                + "\", \"context\": "
                + context
                + fields
                + "}"),
        new Completes(correlation, stored, tasks));
  }

  /** A result for a task and step that do not exist, keyed by its task id as a worker keys it. */
  private static Input unknownTask() {
    StepResult result = result(UuidV7.generate(), UuidV7.generate(), 1, success());
    return Input.keyed(result.taskId().toString(), RESULTS.encode(result));
  }

  private static Row rest(String name, Input input, Expected expected) {
    return new Row(name, Channel.REST, null, ignored -> input, expected);
  }

  private static Input post(String path, String body) {
    return Input.http(HttpMethod.POST, path, "application/json", body);
  }

  private static DeadLettered dead(String reason) {
    return new DeadLettered(reason);
  }

  private static Problem problem(int status, String detail) {
    return new Problem(status, detail);
  }

  private static String topicOf(Row row) {
    return row.channel() == Channel.TASK_REQUESTS
        ? environment.topics().taskRequests()
        : environment.topics().stepResults();
  }

  private static int sendToEveryPartition(
      String topic, @Nullable String key, byte @Nullable [] value) {
    for (int partition = 0; partition < KafkaServer.PARTITIONS; partition++) {
      send(topic, key, partition, value);
    }
    return KafkaServer.PARTITIONS;
  }

  private static void send(
      String topic, @Nullable String key, String taskKey, byte @Nullable [] value) {
    // A result keyed like the worker would: same partition as the task's other messages.
    int partitions = KafkaServer.PARTITIONS;
    int partition =
        org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(
                    taskKey.getBytes(StandardCharsets.UTF_8)))
            % partitions;
    send(topic, key, partition, value);
  }

  private static void send(
      String topic, @Nullable String key, int partition, byte @Nullable [] value) {
    try {
      producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not send to " + topic, e.getCause());
    }
  }

  private static void sendResult(StepResult result) {
    send(
        environment.topics().stepResults(),
        MessageHeaders.taskKey(result.taskId()),
        MessageHeaders.taskKey(result.taskId()),
        RESULTS.encode(result));
  }

  private static ResponseEntity<JsonNode> request(Input input) {
    RestClient.RequestBodySpec spec =
        http.method(input.method())
            .uri(builder -> builder.path(input.path()).build())
            .contentType(MediaType.parseMediaType(input.contentType()));
    if (input.value() != null) {
      spec.body(input.value());
    }
    return spec.retrieve().toEntity(JsonNode.class);
  }

  /** The records sent for the row: by their key, or by their value when they have no key. */
  private static List<ConsumerRecord<String, byte[]>> sentAs(
      List<ConsumerRecord<String, byte[]>> records, @Nullable String key, Input input) {
    return records.stream()
        .filter(
            r ->
                key == null
                    ? r.key() == null && java.util.Arrays.equals(r.value(), input.value())
                    : key.equals(r.key()))
        .toList();
  }

  /** A task of the held template whose first step has been dispatched and not answered. */
  private static InFlight heldStep(String template) {
    UUID task =
        ((CreationOutcome.Created)
                processor
                    .getBean(TaskCreation.class)
                    .create(List.of(TaskRequest.of("held", template, json("{}"))))
                    .getFirst())
            .taskId();
    Record step =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    db.select(WORKFLOW_STEPS.ID, WORKFLOW_STEPS.NAME, WORKFLOW_STEPS.ATTEMPTS)
                        .from(WORKFLOW_STEPS)
                        .where(WORKFLOW_STEPS.TASK_ID.eq(task))
                        .and(WORKFLOW_STEPS.STATE.eq(StepState.ENQUEUED))
                        .fetchOne(),
                r -> r != null);
    return new InFlight(
        task,
        step.get(WORKFLOW_STEPS.ID),
        step.get(WORKFLOW_STEPS.NAME),
        step.get(WORKFLOW_STEPS.ATTEMPTS));
  }

  /** A good task, sent on the task-requests topic like any client's, completes. */
  private static void goodTaskCompletes() {
    String correlation = "good-" + UUID.randomUUID();
    TaskRequest request =
        new TaskRequest(
            TaskRequest.SCHEMA_VERSION,
            "e2e",
            "good",
            null,
            JsonNodeFactory.instance.objectNode().put("good", true),
            correlation,
            null,
            correlation,
            0,
            null);
    probe.send(environment.topics().taskRequests(), correlation, REQUESTS.encode(request));
    UUID task =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> db.fetchValue(TASKS.ID, TASKS.CORRELATION_ID.eq(correlation)),
                id -> id != null);
    Workflows.awaitState(db, List.of(task), TaskState.COMPLETE);
  }

  /** Every step of every task but the row's target: state, attempts, results, error, time. */
  private static Map<UUID, List<Object>> otherSteps(@Nullable InFlight target) {
    Map<UUID, List<Object>> steps = new java.util.LinkedHashMap<>();
    for (Record row :
        db.select(STEP_ROW)
            .select(WORKFLOW_STEPS.ID)
            .from(WORKFLOW_STEPS)
            .where(
                target == null
                    ? org.jooq.impl.DSL.trueCondition()
                    : WORKFLOW_STEPS.TASK_ID.ne(target.taskId()))
            .fetch()) {
      steps.put(row.get(WORKFLOW_STEPS.ID), values(row));
    }
    return steps;
  }

  private static List<Object> stepRow(UUID stepId) {
    return values(
        db.select(STEP_ROW).from(WORKFLOW_STEPS).where(WORKFLOW_STEPS.ID.eq(stepId)).fetchOne());
  }

  private static final List<org.jooq.Field<?>> STEP_ROW =
      List.of(
          WORKFLOW_STEPS.STATE,
          WORKFLOW_STEPS.ATTEMPTS,
          WORKFLOW_STEPS.RESULTS,
          WORKFLOW_STEPS.LAST_ERROR,
          WORKFLOW_STEPS.UPDATED_AT);

  private static List<Object> values(Record row) {
    return STEP_ROW.stream().map(f -> (Object) String.valueOf(row.get(f))).toList();
  }

  private static Set<String> tables() {
    return Set.copyOf(
        db.fetch("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
            .getValues(0, String.class));
  }

  /** The count of results ignored for the row's reason. */
  private static double ignored(Expected expected) {
    if (!(expected instanceof Ignored ignored)) {
      return 0;
    }
    return processor
        .getBean(MeterRegistry.class)
        .find("tributary.results")
        .tag("verdict", "ignored")
        .tag("reason", ignored.reason())
        .counters()
        .stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private static StepResult result(UUID taskId, UUID stepId, int attempt, Outcome outcome) {
    return new StepResult(
        StepResult.SCHEMA_VERSION, UuidV7.generate(), taskId, stepId, attempt, outcome, null);
  }

  private static Outcome success() {
    return new Outcome.Succeeded(json("{\"ok\": true}"));
  }

  /** A result with this outcome, for a step and task that do not exist, attempt 1. */
  private static String resultWithOutcome(String outcome) {
    return resultJson(uuid(), uuid(), 1, outcome);
  }

  private static String resultJson(String taskId, String stepId, Object attempt, String outcome) {
    return "{\"schema_version\": 1, \"message_id\": \""
        + UUID.randomUUID()
        + "\", \"task_id\": "
        + taskId
        + ", \"step_id\": "
        + stepId
        + ", \"attempt\": "
        + attempt
        + ", \"outcome\": "
        + outcome
        + "}";
  }

  private static String uuid() {
    return quote(UUID.randomUUID().toString());
  }

  private static String quote(String text) {
    return JsonMapper.shared().writeValueAsString(text);
  }

  private static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  /** The template with its %s padded so that the whole is exactly {@code bytes} long. */
  private static String padded(String template, int bytes) {
    int pad = bytes - (template.length() - 2);
    return template.formatted("x".repeat(pad));
  }

  private static JsonNode json(String text) {
    return JsonMapper.shared().readTree(text);
  }
}
