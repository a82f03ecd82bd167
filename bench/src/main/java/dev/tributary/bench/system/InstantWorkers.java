package dev.tributary.bench.system;

import dev.tributary.bench.measure.Samples;
import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.Topics;
import dev.tributary.contracts.WorkerInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Workers that do no work: one consumer thread reads the dispatches of a namespace and answers each
 * at once with a success (optionally preceded by {@code started}, as the worker library sends),
 * straight from the polling thread. Chosen over the worker library with trivial handlers so that
 * the two cores go to the system under test rather than to per-step virtual threads and offset
 * bookkeeping, and so that every timestamp is taken where the message is produced.
 *
 * <p>Latency is read from Kafka record timestamps, all taken by producers in this JVM (one clock):
 * for a dispatch of a step with dependencies, from the last dependency's result produced to this
 * dispatch produced (the scheduler's record timestamp); for a first step, from its task request
 * produced. Only tasks whose correlation id starts with the measured prefix are recorded, so
 * warm-up tasks are left out.
 */
public final class InstantWorkers implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(InstantWorkers.class);
  private static final JsonCodec<StepDispatch> DISPATCHES = JsonCodec.of(StepDispatch.class);
  private static final JsonCodec<StepResult> RESULTS = JsonCodec.of(StepResult.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, byte[]> producer;
  private final String resultsTopic;
  private final boolean sendStarted;
  private final Map<String, Long> requestTimes;
  private final String measuredPrefix;
  private final Map<String, Long> resultTimes = new HashMap<>();
  private final Samples stage = new Samples();
  private final Samples firstDispatch = new Samples();
  private final Map<String, Samples> byStep = new ConcurrentHashMap<>();
  private final AtomicLong answered = new AtomicLong();
  private final List<Stage> stages =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean assigned;

  /**
   * Starts answering.
   *
   * @param requestTimes when each task request was produced (ms), by correlation id; filled by the
   *     {@link TaskFeeder}
   * @param measuredPrefix correlation id prefix of the tasks whose latencies are recorded
   */
  public InstantWorkers(
      String bootstrapServers,
      Topics topics,
      String namespace,
      boolean sendStarted,
      Map<String, Long> requestTimes,
      String measuredPrefix) {
    this.resultsTopic = topics.stepResults();
    this.sendStarted = sendStarted;
    this.requestTimes = requestTimes;
    this.measuredPrefix = measuredPrefix;
    Properties consumerProperties = new Properties();
    consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-workers-" + UUID.randomUUID());
    consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerProperties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    consumerProperties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    consumerProperties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    this.consumer = new KafkaConsumer<>(consumerProperties);
    consumer.subscribe(List.of(topics.dispatch(namespace)));
    Properties producerProperties = new Properties();
    producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    producerProperties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    producerProperties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProperties.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    this.producer = new KafkaProducer<>(producerProperties);
    this.thread = Thread.ofPlatform().name("bench-workers").start(this::run);
  }

  /** Waits until the consumer has its partitions, so that no dispatch waits for a rebalance. */
  public void awaitAssignment(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!assigned && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
    }
    if (!assigned) {
      throw new IllegalStateException("the simulated workers got no partitions in " + timeout);
    }
  }

  private void run() {
    try {
      while (running) {
        var records = consumer.poll(Duration.ofMillis(50));
        if (!assigned && !consumer.assignment().isEmpty()) {
          assigned = true;
        }
        for (ConsumerRecord<String, byte[]> record : records) {
          answer(record);
        }
      }
    } catch (WakeupException stopping) {
      // close() woke the consumer up
    } catch (RuntimeException e) {
      log.error("The simulated workers stopped; the scenario will not finish", e);
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private void answer(ConsumerRecord<String, byte[]> record) {
    StepDispatch dispatch = DISPATCHES.decode(record.value());
    String correlation = dispatch.correlationId();
    if (correlation != null && correlation.startsWith(measuredPrefix)) {
      record(dispatch, record.timestamp());
    }
    if (sendStarted) {
      send(record.key(), dispatch, new Outcome.Started());
    }
    long producedAt =
        send(
            record.key(),
            dispatch,
            new Outcome.Succeeded(
                JsonMapper.shared().createObjectNode().put("step", dispatch.stepName())));
    resultTimes.put(key(dispatch.taskId(), dispatch.stepName()), producedAt);
    answered.incrementAndGet();
  }

  private void record(StepDispatch dispatch, long dispatchedAt) {
    if (dispatch.dependencyResults().isEmpty()) {
      Long requested = requestTimes.get(dispatch.correlationId());
      if (requested != null) {
        firstDispatch.add((double) (dispatchedAt - requested));
      }
      return;
    }
    long lastResult = Long.MIN_VALUE;
    for (String dependency : dispatch.dependencyResults().keySet()) {
      Long producedAt = resultTimes.get(key(dispatch.taskId(), dependency));
      if (producedAt != null) {
        lastResult = Math.max(lastResult, producedAt);
      }
    }
    if (lastResult != Long.MIN_VALUE) {
      stage.add((double) (dispatchedAt - lastResult));
      stages.add(new Stage(dispatch.taskId(), lastResult, dispatchedAt));
      byStep
          .computeIfAbsent(dispatch.stepName(), k -> new Samples())
          .add((double) (dispatchedAt - lastResult));
    }
  }

  private long send(String key, StepDispatch dispatch, Outcome outcome) {
    Instant now = Instant.now();
    StepResult result =
        StepResult.answering(dispatch, outcome, new WorkerInfo("bench-workers", null, now));
    long timestamp = now.toEpochMilli();
    // Not awaited, to answer at once; a result that is not sent leaves its task unfinished, so the
    // failure is logged.
    Future<RecordMetadata> unused =
        producer.send(
            new ProducerRecord<>(resultsTopic, null, timestamp, key, RESULTS.encode(result)),
            (metadata, error) -> {
              if (error != null) {
                log.warn(
                    "A simulated result for {} was not sent; its task will not finish", key, error);
              }
            });
    return timestamp;
  }

  private static String key(UUID taskId, String stepName) {
    return taskId + "/" + stepName;
  }

  /** Dispatches answered so far. */
  public long answered() {
    return answered.get();
  }

  /** From a dependency's result produced to the dependent step's dispatch produced, ms. */
  public Samples stageLatency() {
    return stage;
  }

  /** The same, by the dispatched step's name. */
  public Map<String, Samples> stageLatencyByStep() {
    return Map.copyOf(byStep);
  }

  /** Every measured stage, for splitting into hops ({@link SignalProbe}). */
  public List<Stage> stages() {
    synchronized (stages) {
      return List.copyOf(stages);
    }
  }

  /**
   * One stage of one task: the last dependency's result produced, then the dispatch produced.
   *
   * @param taskId the task
   * @param resultProducedAt epoch ms
   * @param dispatchProducedAt epoch ms
   */
  public record Stage(UUID taskId, long resultProducedAt, long dispatchProducedAt) {}

  /** From a task request produced to its first step's dispatch produced, ms. */
  public Samples firstDispatchLatency() {
    return firstDispatch;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }
}
