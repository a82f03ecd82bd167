package dev.tributary.demo;

import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.TaskRequest;
import dev.tributary.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends task requests to the task-requests topic, as any client of Tributary would; the processor
 * creates the tasks.
 */
final class TaskSubmitter implements AutoCloseable {

  private static final long SEND_TIMEOUT_SECONDS = 30;
  private static final JsonCodec<TaskRequest> CODEC = JsonCodec.of(TaskRequest.class);

  private final KafkaProducer<String, byte[]> producer;
  private final Topics topics;

  /**
   * Tells this run's requests from an earlier run's on the same database, whose tasks have the same
   * contexts: a run of its own, base 36 milliseconds since the epoch.
   */
  private final String run = Long.toString(System.currentTimeMillis(), Character.MAX_RADIX);

  TaskSubmitter(KafkaAccess kafka) {
    Map<String, Object> config = kafka.clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "demo-submitter");
    producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    topics = kafka.topics();
  }

  /**
   * Requests {@code count} tasks of a template, the n-th (from 1) with context {@code
   * contexts.apply(n)}, and waits for the broker to acknowledge them all. Each request carries an
   * idempotency key of its own, of this run, which is also its record key.
   */
  void submit(String namespace, String template, int count, IntFunction<ObjectNode> contexts) {
    List<Future<?>> sends = new ArrayList<>(count);
    for (int n = 1; n <= count; n++) {
      String key = namespace + "-" + template + "-" + run + "-" + n;
      TaskRequest request =
          TaskRequest.of(namespace, template, contexts.apply(n)).withIdempotencyKey(key);
      sends.add(
          producer.send(new ProducerRecord<>(topics.taskRequests(), key, CODEC.encode(request))));
    }
    producer.flush();
    try {
      for (Future<?> send : sends) {
        send.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while submitting tasks", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the broker did not take the task requests", e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
