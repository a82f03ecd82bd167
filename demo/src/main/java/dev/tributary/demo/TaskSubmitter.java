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
  private final Topics topics = Topics.defaults();

  TaskSubmitter(String bootstrapServers) {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.CLIENT_ID_CONFIG,
                "demo-submitter"),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /**
   * Requests {@code count} tasks of a template, the n-th (from 1) with context {@code
   * contexts.apply(n)}, and waits for the broker to acknowledge them all. Each request carries an
   * idempotency key of its own, which is also its record key.
   */
  void submit(String namespace, String template, int count, IntFunction<ObjectNode> contexts) {
    List<Future<?>> sends = new ArrayList<>(count);
    for (int n = 1; n <= count; n++) {
      String key = namespace + "-" + template + "-" + n;
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
