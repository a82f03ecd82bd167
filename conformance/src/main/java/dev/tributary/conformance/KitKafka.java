package dev.tributary.conformance;

import dev.tributary.contracts.MessageHeaders;
import dev.tributary.contracts.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * The kit's Kafka clients: a producer of dispatches and a consumer of results that reads from the
 * end of step-results as it was before the first dispatch, without a consumer group.
 */
final class KitKafka implements AutoCloseable {

  /** Partitions of the topics the kit creates when they are missing. */
  static final int PARTITIONS = 3;

  private final String dispatchTopic;
  private final String resultTopic;
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<Future<RecordMetadata>> pending = new ArrayList<>();

  private KitKafka(Map<String, Object> common, Topics topics, String namespace) {
    this.dispatchTopic = topics.dispatch(namespace);
    this.resultTopic = topics.stepResults();
    Map<String, Object> producerConfig = new HashMap<>(common);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    this.producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
    Map<String, Object> consumerConfig = new HashMap<>(common);
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * Connects, creates the two topics if they are missing, and positions the result consumer at the
   * end of step-results.
   */
  static KitKafka connect(KitArguments arguments) throws IOException {
    Map<String, Object> common = clientProperties(arguments);
    Topics topics = new Topics(arguments.topicPrefix());
    try (Admin admin = Admin.create(common)) {
      createIfMissing(admin, topics.dispatch(arguments.namespace()));
      createIfMissing(admin, topics.stepResults());
    }
    KitKafka kafka = new KitKafka(common, topics, arguments.namespace());
    kafka.readFromEnd();
    return kafka;
  }

  private static Map<String, Object> clientProperties(KitArguments arguments) throws IOException {
    Map<String, Object> config = new HashMap<>();
    if (arguments.commandConfig() != null) {
      Properties file = new Properties();
      try (Reader reader = Files.newBufferedReader(arguments.commandConfig())) {
        file.load(reader);
      }
      file.forEach((key, value) -> config.put((String) key, value));
    }
    config.put("bootstrap.servers", arguments.bootstrap());
    return config;
  }

  private static void createIfMissing(Admin admin, String topic) {
    try {
      admin
          .createTopics(List.of(new NewTopic(topic, Optional.of(PARTITIONS), Optional.empty())))
          .all()
          .get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause(), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating " + topic, e);
    }
  }

  private void readFromEnd() {
    List<TopicPartition> partitions =
        consumer.partitionsFor(resultTopic, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    // Resolve the positions now: results of dispatches sent from here on come after them.
    partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(30)));
  }

  String dispatchTopic() {
    return dispatchTopic;
  }

  String resultTopic() {
    return resultTopic;
  }

  /** Sends a dispatch, keyed by its task id, with its trace context; see {@link #flush()}. */
  void send(Sent sent) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            dispatchTopic,
            sent.taskId().toString(),
            Dispatches.JSON.writeValueAsBytes(sent.json()));
    record
        .headers()
        .add(MessageHeaders.TRACEPARENT, sent.traceparent().getBytes(StandardCharsets.UTF_8));
    pending.add(producer.send(record));
  }

  /**
   * Waits until everything sent is on the broker.
   *
   * @throws IllegalStateException if a dispatch could not be sent
   */
  void flush() {
    producer.flush();
    try {
      for (Future<RecordMetadata> sent : pending) {
        sent.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot send to " + dispatchTopic + ": " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted sending to " + dispatchTopic, e);
    } finally {
      pending.clear();
    }
  }

  /** The result records that arrived within {@code timeout}. */
  Iterable<ConsumerRecord<String, byte[]>> poll(Duration timeout) {
    return consumer.poll(timeout);
  }

  /** A record's header as UTF-8 text, or null. */
  static @Nullable String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    consumer.close();
  }
}
