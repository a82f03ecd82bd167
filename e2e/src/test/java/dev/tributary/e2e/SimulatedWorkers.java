package dev.tributary.e2e;

import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.Topics;
import dev.tributary.contracts.WorkerInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.function.Function;
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

/**
 * Workers played by the test, on the real broker: consume the dispatches of one namespace, record
 * them, and answer each with the outcomes a behaviour function chooses.
 */
final class SimulatedWorkers implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SimulatedWorkers.class);
  private static final JsonCodec<StepDispatch> DISPATCHES = JsonCodec.of(StepDispatch.class);
  private static final JsonCodec<StepResult> RESULTS = JsonCodec.of(StepResult.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, byte[]> producer;
  private final String resultsTopic;
  private final Function<StepDispatch, List<Outcome>> behaviour;
  private final List<StepDispatch> dispatches = new CopyOnWriteArrayList<>();
  private final boolean keepDispatches;
  private final Thread thread;
  private volatile boolean running = true;

  SimulatedWorkers(
      String bootstrapServers,
      Topics topics,
      String namespace,
      Function<StepDispatch, List<Outcome>> behaviour) {
    this(bootstrapServers, topics, namespace, behaviour, true);
  }

  /**
   * @param keepDispatches whether to keep every dispatch for {@link #dispatches()}; off for long
   *     runs (the soak), where the list would grow with the run
   */
  SimulatedWorkers(
      String bootstrapServers,
      Topics topics,
      String namespace,
      Function<StepDispatch, List<Outcome>> behaviour,
      boolean keepDispatches) {
    this.keepDispatches = keepDispatches;
    this.resultsTopic = topics.stepResults();
    this.behaviour = behaviour;
    Properties consumerProperties = new Properties();
    consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, "workers-" + UUID.randomUUID());
    consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // Like a real worker: never create the dispatch topic (with the broker's default partitions),
    // and notice partitions added to it soon.
    consumerProperties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    consumerProperties.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1_000);
    consumerProperties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    consumerProperties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    this.consumer = new KafkaConsumer<>(consumerProperties);
    consumer.subscribe(List.of(topics.dispatch(namespace)));
    Properties producerProperties = new Properties();
    producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    producerProperties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    producerProperties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producerProperties.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    this.producer = new KafkaProducer<>(producerProperties);
    this.thread = Thread.ofPlatform().name("simulated-workers-" + namespace).start(this::run);
  }

  /** Workers that succeed at once with {@code {"step": <name>}}. */
  static Function<StepDispatch, List<Outcome>> succeeding() {
    return dispatch ->
        List.of(
            new Outcome.Started(),
            new Outcome.Succeeded(
                tools.jackson.databind.json.JsonMapper.shared()
                    .createObjectNode()
                    .put("step", dispatch.stepName())));
  }

  /** Every dispatch received so far, in order. */
  List<StepDispatch> dispatches() {
    return List.copyOf(dispatches);
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          StepDispatch dispatch = DISPATCHES.decode(record.value());
          if (keepDispatches) {
            dispatches.add(dispatch);
          }
          for (Outcome outcome : behaviour.apply(dispatch)) {
            StepResult result =
                StepResult.answering(
                    dispatch, outcome, new WorkerInfo("simulated", null, Instant.now()));
            // Not awaited (flushed below); a result that is not sent leaves its step waiting for
            // the dispatch to time out, so the failure is logged.
            Future<RecordMetadata> unused =
                producer.send(
                    new ProducerRecord<>(resultsTopic, record.key(), RESULTS.encode(result)),
                    (metadata, error) -> {
                      if (error != null) {
                        log.warn("The result of {} was not sent", dispatch.stepId(), error);
                      }
                    });
          }
        }
        producer.flush();
        consumer.commitSync();
      }
    } catch (WakeupException stopping) {
      // close() woke the consumer up
    } finally {
      consumer.close();
    }
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
