package dev.tributary.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * A test's hands on the real broker: sends records and reads what services produced. Reads every
 * topic from the beginning with a group of its own, so it sees all records, whatever other
 * consumers do.
 */
public final class KafkaProbe implements AutoCloseable {

  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

  private final String bootstrapServers;
  private final KafkaProducer<String, byte[]> producer;

  public KafkaProbe(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    this.producer = new KafkaProducer<>(properties);
  }

  /** Sends a record and waits for the broker's acknowledgement. */
  public void send(String topic, @Nullable String key, byte[] value, Header... headers) {
    try {
      producer.send(new ProducerRecord<>(topic, null, key, value, List.of(headers))).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not send to " + topic, e.getCause());
    }
  }

  /** A reader of one topic, from its beginning. */
  public TopicReader reader(String topic) {
    return new TopicReader(topic);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  /** Accumulates a topic's records; wait for what a test expects with {@link #awaitRecords}. */
  public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    private TopicReader(String topic) {
      Properties properties = new Properties();
      properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      properties.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
      properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
      properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
      this.consumer = new KafkaConsumer<>(properties);
      consumer.subscribe(List.of(topic));
    }

    /** Polls until the records seen so far satisfy {@code condition}; returns them all. */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(
        Predicate<List<ConsumerRecord<String, byte[]>>> condition) {
      await()
          .atMost(DEFAULT_WAIT)
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
                return condition.test(seen);
              });
      return List.copyOf(seen);
    }

    /** Polls until at least {@code count} records were seen. */
    public List<ConsumerRecord<String, byte[]>> awaitCount(int count) {
      return awaitRecords(records -> records.size() >= count);
    }

    /** Every record seen so far, after one more short poll. */
    public List<ConsumerRecord<String, byte[]>> drain() {
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
      return List.copyOf(seen);
    }

    @Override
    public void close() {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  /** A header's value as text, or null when the record has no such header. */
  public static @Nullable String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null
        ? null
        : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Record headers by name, last value wins, as text. */
  public static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    record
        .headers()
        .forEach(
            h ->
                headers.put(
                    h.key(), new String(h.value(), java.nio.charset.StandardCharsets.UTF_8)));
    return headers;
  }
}
