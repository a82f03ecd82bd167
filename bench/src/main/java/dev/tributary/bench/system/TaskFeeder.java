package dev.tributary.bench.system;

import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.TaskRequest;
import dev.tributary.contracts.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends task requests to the task-requests topic, as a client would, and records when each was
 * produced (its record timestamp) by correlation id. Every request carries its own idempotency key
 * and a correlation id {@code <prefix><n>}.
 */
public final class TaskFeeder implements AutoCloseable {

  /** The namespace of the benchmark's templates. */
  public static final String NAMESPACE = "bench";

  private static final Logger log = LoggerFactory.getLogger(TaskFeeder.class);
  private static final JsonCodec<TaskRequest> REQUESTS = JsonCodec.of(TaskRequest.class);

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final Map<String, Long> requestTimes;

  public TaskFeeder(String bootstrapServers, Topics topics, Map<String, Long> requestTimes) {
    this.topic = topics.taskRequests();
    this.requestTimes = requestTimes;
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    this.producer = new KafkaProducer<>(properties);
  }

  /** A request for one task of the template, correlation id and idempotency key {@code id}. */
  public static TaskRequest request(String template, String id, int n) {
    return new TaskRequest(
        TaskRequest.SCHEMA_VERSION,
        NAMESPACE,
        template,
        null,
        JsonMapper.shared().createObjectNode().put("n", n),
        id,
        null,
        id,
        0,
        null);
  }

  /**
   * Sends {@code count} requests as fast as the producer takes them and waits until the broker has
   * them all.
   *
   * @return when the first was produced, epoch ms
   */
  public long sendAll(String template, String prefix, int count) {
    long first = 0;
    for (int i = 0; i < count; i++) {
      long at = send(template, prefix + i, i);
      if (i == 0) {
        first = at;
      }
    }
    producer.flush();
    return first;
  }

  /**
   * Sends requests at a steady rate for a while, one at a time on a fixed schedule.
   *
   * @return how many were sent
   */
  public int sendAtRate(String template, String prefix, double perSecond, Duration duration) {
    long interval = (long) (1e9 / perSecond);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    int sent = 0;
    for (long next = start; next < end; next += interval) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      send(template, prefix + sent, sent);
      sent++;
    }
    producer.flush();
    return sent;
  }

  private long send(String template, String id, int n) {
    long now = System.currentTimeMillis();
    requestTimes.put(id, now);
    // Not awaited, to keep the rate; a request that is not sent creates no task, so the failure is
    // logged.
    Future<RecordMetadata> unused =
        producer.send(
            new ProducerRecord<>(topic, null, now, id, REQUESTS.encode(request(template, id, n))),
            (metadata, error) -> {
              if (error != null) {
                log.warn("Task request {} was not sent; it creates no task", id, error);
              }
            });
    return now;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
