package dev.tributary.e2e;

import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.TaskRequest;
import dev.tributary.contracts.Topics;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Sends the chaos workload's task requests at a steady rate, as a client would: each with an
 * idempotency key of its own, sent again (with the same key) when the broker did not take it, so
 * that a request is never lost and resending it never creates a second task.
 */
final class TaskFeeder implements AutoCloseable {

  private static final JsonCodec<TaskRequest> REQUESTS = JsonCodec.of(TaskRequest.class);

  private final Topics topics;
  private final int tasks;
  private final KafkaProducer<String, byte[]> producer;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final ConcurrentLinkedQueue<Integer> resend = new ConcurrentLinkedQueue<>();
  private final AtomicInteger next = new AtomicInteger();
  private final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();

  TaskFeeder(String bootstrapServers, Topics topics, int tasks, int rate) {
    this.topics = topics;
    this.tasks = tasks;
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    this.producer = new KafkaProducer<>(properties);
    var unused =
        timer.scheduleAtFixedRate(this::sendOne, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
  }

  /** The key (and correlation id) of request {@code n}. */
  static String key(int n) {
    return "chaos-" + n;
  }

  /** Whether every request was sent and acknowledged. */
  boolean done() {
    return acknowledged.size() == tasks;
  }

  int acknowledged() {
    return acknowledged.size();
  }

  private void sendOne() {
    Integer again = resend.poll();
    int n = again != null ? again : next.getAndIncrement();
    if (n >= tasks) {
      return;
    }
    TaskRequest request =
        new TaskRequest(
            TaskRequest.SCHEMA_VERSION,
            ChaosWorkflows.NAMESPACE,
            ChaosWorkflows.TEMPLATE,
            null,
            JsonNodeFactory.instance.objectNode().put("order", n),
            key(n),
            null,
            key(n),
            0,
            null);
    try {
      var unused =
          producer.send(
              new ProducerRecord<>(topics.taskRequests(), key(n), REQUESTS.encode(request)),
              (metadata, failure) -> {
                if (failure == null) {
                  acknowledged.add(n);
                } else {
                  resend.add(n);
                }
              });
    } catch (RuntimeException e) {
      resend.add(n);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    producer.close();
  }
}
