package dev.tributary.worker;

import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.MessageHeaders;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.Topics;
import dev.tributary.contracts.UuidV7;
import dev.tributary.testkit.KafkaProbe;
import dev.tributary.testkit.TestInfrastructure;
import dev.tributary.testkit.TestTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Plays the scheduler and the processor on the real broker, under a topic prefix of its own: sends
 * dispatches as the scheduler would, reads the step results workers publish.
 */
public final class FakeScheduler implements AutoCloseable {

  public static final JsonCodec<StepDispatch> DISPATCHES = JsonCodec.of(StepDispatch.class);
  public static final JsonCodec<StepResult> RESULTS = JsonCodec.of(StepResult.class);
  public static final String NAMESPACE = "shop";

  private final Topics topics = new Topics(TestTopics.uniquePrefix());
  private final String bootstrapServers = TestInfrastructure.kafka().bootstrapServers();
  private final KafkaProbe kafka = new KafkaProbe(bootstrapServers);
  private final KafkaProbe.TopicReader results = kafka.reader(topics.stepResults());
  private final List<TributaryWorker> workers = new CopyOnWriteArrayList<>();

  public Topics topics() {
    return topics;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public KafkaProbe kafka() {
    return kafka;
  }

  /** Options for a worker on this scheduler's topics, in a consumer group of its own. */
  public WorkerOptions.Builder options() {
    return options("workers-" + UUID.randomUUID());
  }

  public WorkerOptions.Builder options(String groupId) {
    return WorkerOptions.builder()
        .bootstrapServers(bootstrapServers)
        .groupId(groupId)
        .topicPrefix(topics.prefix());
  }

  /** Builds and starts a worker, which {@link #close()} closes. */
  public TributaryWorker start(TributaryWorker.Builder builder) {
    TributaryWorker worker = builder.build();
    workers.add(worker);
    worker.start();
    return worker;
  }

  /** A dispatch of a first attempt to {@code handler} in {@value #NAMESPACE}. */
  public DispatchBuilder dispatch(String handler) {
    return new DispatchBuilder(handler);
  }

  /** Sends a dispatch to its namespace's topic, keyed by task id, with a traceparent. */
  public void send(StepDispatch dispatch) {
    kafka.send(
        topics.dispatch(dispatch.namespace()),
        MessageHeaders.taskKey(dispatch.taskId()),
        DISPATCHES.encode(dispatch),
        new RecordHeader(
            MessageHeaders.TRACEPARENT, traceparentOf(dispatch).getBytes(StandardCharsets.UTF_8)));
  }

  /** Sends raw bytes to a namespace's dispatch topic, as a broken producer would. */
  public void sendRaw(String namespace, String key, byte[] value) {
    kafka.send(topics.dispatch(namespace), key, value);
  }

  /** The traceparent {@link #send} puts on a dispatch: derived from its ids. */
  public static String traceparentOf(StepDispatch dispatch) {
    String traceId = dispatch.taskId().toString().replace("-", "");
    String spanId = dispatch.stepId().toString().replace("-", "").substring(16);
    return "00-" + traceId + "-" + spanId + "-01";
  }

  /** The offsets {@code groupId} committed on this scheduler's dispatch topics, by partition. */
  public Map<Integer, Long> committedOffsets(String groupId) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      Map<Integer, Long> offsets = new TreeMap<>();
      admin
          .listConsumerGroupOffsets(groupId)
          .partitionsToOffsetAndMetadata()
          .get()
          .forEach(
              (partition, offset) -> {
                if (offset != null) {
                  offsets.put(partition.partition(), offset.offset());
                }
              });
      return offsets;
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not read the offsets of " + groupId, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** How many members of {@code groupId} have partitions assigned. */
  public long membersWithPartitions(String groupId) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      return admin
          .describeConsumerGroups(List.of(groupId))
          .all()
          .get()
          .get(groupId)
          .members()
          .stream()
          .filter(member -> !member.assignment().topicPartitions().isEmpty())
          .count();
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not describe " + groupId, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits until the results of {@code dispatch}'s step satisfy {@code condition}; returns them. */
  public List<StepResult> awaitResults(
      StepDispatch dispatch, Predicate<List<StepResult>> condition) {
    return resultsOf(
        dispatch, results.awaitRecords(records -> condition.test(resultsOf(dispatch, records))));
  }

  /** Waits for the success or failure of {@code dispatch}'s step; returns all its results. */
  public List<StepResult> awaitAnswer(StepDispatch dispatch) {
    return awaitResults(dispatch, rs -> rs.stream().anyMatch(FakeScheduler::isAnswer));
  }

  /** The answer among {@code results}. */
  public static StepResult answer(List<StepResult> results) {
    return results.stream().filter(FakeScheduler::isAnswer).findFirst().orElseThrow();
  }

  /** Every result record seen so far, after one more short read. */
  public List<ConsumerRecord<String, byte[]>> resultRecords() {
    return results.drain();
  }

  /** The results of {@code dispatch}'s step seen so far, after one more short read. */
  public List<StepResult> resultsOf(StepDispatch dispatch) {
    return resultsOf(dispatch, results.drain());
  }

  /** Waits until every record seen satisfies {@code condition} on all results. */
  public List<StepResult> awaitAllResults(Predicate<List<StepResult>> condition) {
    return decode(results.awaitRecords(records -> condition.test(decode(records))));
  }

  public static boolean isAnswer(StepResult result) {
    return result.outcome() instanceof Outcome.Succeeded
        || result.outcome() instanceof Outcome.Failed;
  }

  private static List<StepResult> resultsOf(
      StepDispatch dispatch, List<ConsumerRecord<String, byte[]>> records) {
    return decode(records).stream().filter(r -> r.stepId().equals(dispatch.stepId())).toList();
  }

  private static List<StepResult> decode(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(r -> RESULTS.decode(r.value())).toList();
  }

  public static JsonNode json(String json) {
    return JsonMapper.shared().readTree(json);
  }

  @Override
  public void close() {
    workers.forEach(TributaryWorker::close);
    results.close();
    kafka.close();
  }

  /** A dispatch with sensible defaults and the fields tests vary. */
  public static final class DispatchBuilder {

    private final String handler;
    private UUID taskId = UuidV7.generate();
    private String namespace = NAMESPACE;
    private int attempt = 1;
    private JsonNode inputs = JsonNodeFactory.instance.objectNode();
    private JsonNode taskContext = json("{\"order_id\": 42}");
    private @Nullable JsonNode checkpoint;
    private Map<String, JsonNode> dependencyResults = Map.of();
    private Instant deadline = Instant.now().plus(Duration.ofMinutes(5));

    private DispatchBuilder(String handler) {
      this.handler = handler;
    }

    public DispatchBuilder task(UUID taskId) {
      this.taskId = taskId;
      return this;
    }

    public DispatchBuilder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    public DispatchBuilder attempt(int attempt) {
      this.attempt = attempt;
      return this;
    }

    public DispatchBuilder inputs(JsonNode inputs) {
      this.inputs = inputs;
      return this;
    }

    public DispatchBuilder taskContext(JsonNode taskContext) {
      this.taskContext = taskContext;
      return this;
    }

    public DispatchBuilder checkpoint(JsonNode checkpoint) {
      this.checkpoint = checkpoint;
      return this;
    }

    public DispatchBuilder dependencyResults(Map<String, JsonNode> dependencyResults) {
      this.dependencyResults = dependencyResults;
      return this;
    }

    public DispatchBuilder deadline(Instant deadline) {
      this.deadline = deadline;
      return this;
    }

    public StepDispatch build() {
      return new StepDispatch(
          StepDispatch.SCHEMA_VERSION,
          taskId,
          UuidV7.generate(),
          "step_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()),
          attempt,
          3,
          namespace,
          handler,
          taskContext,
          inputs,
          checkpoint,
          dependencyResults,
          0,
          "order-42",
          deadline,
          null);
    }
  }
}
