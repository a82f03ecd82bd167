package dev.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.contracts.MessageHeaders;
import dev.tributary.contracts.TaskState;
import dev.tributary.testkit.Invariants;
import dev.tributary.testkit.MutableClock;
import dev.tributary.testkit.TestEnvironment;
import dev.tributary.worker.StepOutcome;
import dev.tributary.worker.TributaryWorker;
import dev.tributary.worker.WorkerOptions;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * One trace per task, through the real services and the worker library: a task of a workflow with a
 * decision and a batch, submitted over HTTP with the caller's {@code traceparent}, yields spans
 * (collected from both services and the worker in memory) that all carry the caller's trace id and
 * chain request → creation → dispatch → handler → result → next dispatch → … → task completed.
 */
class TracingIT {

  private static final TestEnvironment environment = TestEnvironment.create();
  private static final DSLContext db = environment.database().dsl();
  private static final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private static final AttributeKey<String> TASK_ID = AttributeKey.stringKey("tributary.task.id");
  private static final AttributeKey<String> STEP_NAME =
      AttributeKey.stringKey("tributary.step.name");
  private static final AttributeKey<String> TASK_STATE =
      AttributeKey.stringKey("tributary.task.state");
  private static Cluster cluster;
  private static ConfigurableApplicationContext processor;
  private static OpenTelemetrySdk workerTelemetry;
  private static TributaryWorker worker;

  @BeforeAll
  static void start() {
    cluster = new Cluster(environment, MutableClock.startingNow());
    String[] tracing = {
      "--management.tracing.sampling.probability=1.0",
      "--management.opentelemetry.tracing.export.schedule-delay=100ms"
    };
    processor = cluster.startProcessor(Map.of("spanExporter", spans), tracing);
    cluster.startScheduler(Map.of("spanExporter", spans), tracing);
    workerTelemetry =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .build();
    worker = worker(workerTelemetry);
    worker.start();
  }

  @AfterAll
  static void stop() {
    worker.close();
    workerTelemetry.close();
    cluster.close();
  }

  @AfterEach
  void invariantsHold() {
    Invariants.assertAll(db);
  }

  /** The decision picks the bulk branch, which splits 25 items into 3 batches. */
  private static TributaryWorker worker(OpenTelemetrySdk telemetry) {
    WorkerOptions options =
        WorkerOptions.builder()
            .bootstrapServers(environment.bootstrapServers())
            .groupId("tracing-workers")
            .topicPrefix(environment.topics().prefix())
            .openTelemetry(telemetry)
            .build();
    TributaryWorker.Builder builder = TributaryWorker.builder(options);
    builder.handler("e2e", "route", context -> StepOutcome.decide("bulk"));
    builder.handler("e2e", "bulk", context -> StepOutcome.split(25, 10));
    for (String plain : List.of("single", "bulk_item", "bulk_merge", "ship")) {
      builder.handler("e2e", plain, context -> StepOutcome.success());
    }
    return builder.build();
  }

  @Test
  void a_task_is_one_trace_from_the_callers_request_to_its_completion() {
    Traceparent caller = Traceparent.random(true);
    UUID task = submit(caller);
    Workflows.awaitState(db, List.of(task), TaskState.COMPLETE);

    Trace trace =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> Trace.of(spans.getFinishedSpanItems(), caller), Trace::finished);

    assertThat(trace.spans())
        .as("every span of the task is in the caller's trace")
        .allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(caller.traceId()));
    SpanData request = trace.childOf(caller.spanId(), "http post /api/v1/tasks");
    SpanData creation = trace.named("tributary.task.create").getFirst();
    assertThat(creation.getAttributes().get(TASK_ID)).isEqualTo(task.toString());
    assertThat(trace.ancestorsOf(creation)).as("the creation's ancestors").contains(request);

    List<SpanData> dispatches = trace.named("tributary.step.dispatch");
    assertThat(dispatches)
        .extracting(span -> span.getAttributes().get(STEP_NAME))
        .containsExactlyInAnyOrder(
            "route", "bulk", "bulk_item_0", "bulk_item_1", "bulk_item_2", "bulk_merge", "ship");
    assertThat(trace.parentOf(trace.dispatchOf("route")).getName())
        .isEqualTo("tributary.task.create");
    for (SpanData dispatch : dispatches) {
      SpanData handler = trace.onlyChildOf(dispatch.getSpanId(), "tributary.step.handle");
      assertThat(trace.childrenOf(handler.getSpanId(), "tributary.step.result"))
          .as("the results of %s (started, succeeded)", dispatch.getAttributes().get(STEP_NAME))
          .hasSize(2);
    }
    // Each later dispatch continues the result that readied it: decision → branch, batchable →
    // its batch workers, the last batch worker → merge, merge → ship.
    assertThat(trace.readiedBy("bulk")).isEqualTo("route");
    assertThat(trace.readiedBy("bulk_item_0")).isEqualTo("bulk");
    assertThat(trace.readiedBy("bulk_item_2")).isEqualTo("bulk");
    assertThat(trace.readiedBy("bulk_merge")).startsWith("bulk_item_");
    assertThat(trace.readiedBy("ship")).isEqualTo("bulk_merge");
    SpanData completed = trace.completedEvent();
    assertThat(trace.stepOfResult(trace.parentOf(completed))).isEqualTo("ship");
  }

  @Test
  void an_unsampled_callers_trace_id_is_on_every_dispatch_and_result_of_its_task() {
    Traceparent caller = Traceparent.random(false);
    UUID task = submit(caller);
    Workflows.awaitState(db, List.of(task), TaskState.COMPLETE);

    List<ConsumerRecord<String, byte[]>> records =
        read(
            List.of(environment.topics().dispatch("e2e"), environment.topics().stepResults()),
            task);
    assertThat(records)
        .as("7 dispatches and 14 results")
        .hasSize(21)
        .allSatisfy(
            record ->
                assertThat(traceparent(record))
                    .as("%s@%d", record.topic(), record.offset())
                    .startsWith("00-" + caller.traceId() + "-"));
    assertThat(spans.getFinishedSpanItems())
        .as("a trace its caller did not sample is not recorded")
        .noneMatch(span -> span.getTraceId().equals(caller.traceId()));
  }

  private static UUID submit(Traceparent caller) {
    RestClient http =
        RestClient.builder()
            .baseUrl(
                "http://localhost:" + processor.getEnvironment().getProperty("local.server.port"))
            .defaultHeaders(headers -> headers.setBasicAuth(Cluster.USER, Cluster.PASSWORD))
            .build();
    JsonNode created =
        http.post()
            .uri("/api/v1/tasks")
            .contentType(MediaType.APPLICATION_JSON)
            .header(MessageHeaders.TRACEPARENT, caller.toString())
            .body(
                // A context of its own: the template's identity is its content.
                "{\"schema_version\": 1, \"namespace\": \"e2e\", \"name\": \"branch_batch\","
                    + " \"context\": {\"caller\": \""
                    + caller.traceId()
                    + "\"}}")
            .retrieve()
            .body(JsonNode.class);
    return UUID.fromString(created.get("task_id").asString());
  }

  /** Every record of the task on the topics, read with a plain consumer. */
  private static List<ConsumerRecord<String, byte[]>> read(List<String> topics, UUID task) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "tracing-reader-" + UUID.randomUUID());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, byte[]>> ofTask = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(topics);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        record -> {
                          if (MessageHeaders.taskKey(task).equals(record.key())) {
                            ofTask.add(record);
                          }
                        });
                return ofTask.size() >= 21;
              });
    }
    return ofTask;
  }

  private static @Nullable String traceparent(ConsumerRecord<String, byte[]> record) {
    Header header = record.headers().lastHeader(MessageHeaders.TRACEPARENT);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** A caller's W3C trace context. */
  private record Traceparent(String traceId, String spanId, boolean sampled) {

    static Traceparent random(boolean sampled) {
      HexFormat hex = HexFormat.of();
      byte[] trace = new byte[16];
      byte[] span = new byte[8];
      ThreadLocalRandom.current().nextBytes(trace);
      ThreadLocalRandom.current().nextBytes(span);
      return new Traceparent(hex.formatHex(trace), hex.formatHex(span), sampled);
    }

    @Override
    public String toString() {
      return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }
  }

  /** The finished spans of one trace, by id. */
  private record Trace(List<SpanData> spans, Map<String, SpanData> byId, String callerSpanId) {

    static Trace of(List<SpanData> finished, Traceparent caller) {
      List<SpanData> ofTrace =
          finished.stream().filter(s -> s.getTraceId().equals(caller.traceId())).toList();
      Map<String, SpanData> byId = new HashMap<>();
      ofTrace.forEach(span -> byId.put(span.getSpanId(), span));
      return new Trace(ofTrace, byId, caller.spanId());
    }

    /**
     * The task's completion has been published, and every span's parent has finished too: a
     * dispatch's span may end after the worker's spans under it (the send is acknowledged late).
     */
    boolean finished() {
      boolean completed =
          named("tributary.task.event").stream()
              .anyMatch(s -> "complete".equals(s.getAttributes().get(TASK_STATE)));
      boolean parentsFinished =
          spans.stream()
              .map(SpanData::getParentSpanId)
              .allMatch(parent -> parent.equals(callerSpanId) || byId.containsKey(parent));
      return completed && named("tributary.step.result").size() == 14 && parentsFinished;
    }

    List<SpanData> named(String name) {
      return spans.stream().filter(s -> s.getName().equals(name)).toList();
    }

    List<SpanData> childrenOf(String parentSpanId, String name) {
      return named(name).stream().filter(s -> s.getParentSpanId().equals(parentSpanId)).toList();
    }

    SpanData childOf(String parentSpanId, String name) {
      List<SpanData> children = childrenOf(parentSpanId, name);
      assertThat(children).as("%s under %s in %s", name, parentSpanId, spans).isNotEmpty();
      return children.getFirst();
    }

    SpanData onlyChildOf(String parentSpanId, String name) {
      List<SpanData> children = childrenOf(parentSpanId, name);
      assertThat(children).as("%s under %s", name, parentSpanId).hasSize(1);
      return children.getFirst();
    }

    /** From the span's parent up to the first span whose parent is not in the trace. */
    List<SpanData> ancestorsOf(SpanData span) {
      List<SpanData> ancestors = new ArrayList<>();
      for (SpanData parent = byId.get(span.getParentSpanId());
          parent != null;
          parent = byId.get(parent.getParentSpanId())) {
        ancestors.add(parent);
      }
      return ancestors;
    }

    SpanData parentOf(SpanData span) {
      SpanData parent = byId.get(span.getParentSpanId());
      assertThat(parent).as("the parent of %s", span).isNotNull();
      return parent;
    }

    SpanData dispatchOf(String step) {
      return named("tributary.step.dispatch").stream()
          .filter(s -> step.equals(s.getAttributes().get(STEP_NAME)))
          .findFirst()
          .orElseThrow();
    }

    /** The step whose result span parents the step's dispatch. */
    String readiedBy(String step) {
      SpanData result = parentOf(dispatchOf(step));
      assertThat(result.getName()).isEqualTo("tributary.step.result");
      return stepOfResult(result);
    }

    /** The step a result span is about: its handler's dispatch's step. */
    String stepOfResult(SpanData result) {
      SpanData handler = parentOf(result);
      assertThat(handler.getName()).isEqualTo("tributary.step.handle");
      return handler.getAttributes().get(STEP_NAME);
    }

    SpanData completedEvent() {
      return named("tributary.task.event").stream()
          .filter(s -> "complete".equals(s.getAttributes().get(TASK_STATE)))
          .findFirst()
          .orElseThrow();
    }
  }
}
