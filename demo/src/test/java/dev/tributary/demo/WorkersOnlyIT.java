package dev.tributary.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.Topics;
import dev.tributary.contracts.UuidV7;
import dev.tributary.testkit.TestInfrastructure;
import dev.tributary.testkit.TestTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code --workers-only}: the sample workers as a process of their own, against the test broker,
 * with nothing else of Tributary running. The test plays the scheduler (a dispatch onto {@code
 * steps.demo}) and the processor (reading {@code step-results}).
 */
class WorkersOnlyIT {

  private static final Pattern SERVING = Pattern.compile("^Sample workers of namespace demo .*");
  private static final JsonCodec<StepDispatch> DISPATCHES = JsonCodec.of(StepDispatch.class);
  private static final JsonCodec<StepResult> RESULTS = JsonCodec.of(StepResult.class);

  @Test
  void the_workers_answer_a_dispatch_and_stop_with_zero_on_term() throws Exception {
    String bootstrap = TestInfrastructure.kafka().bootstrapServers();
    String prefix = TestTopics.uniquePrefix();
    Topics topics = new Topics(prefix);

    try (DemoProcess workers =
            DemoProcess.demo("--workers-only", "--kafka=" + bootstrap, "--topic-prefix=" + prefix);
        KafkaConsumer<String, byte[]> results = consumer(bootstrap, topics.stepResults())) {
      Matcher serving = workers.awaitLine(SERVING, Duration.ofMinutes(1));
      assertThat(serving.group())
          .contains(bootstrap, topics.dispatch("demo") + " -> " + topics.stepResults())
          .contains("consumer group " + prefix + FulfilmentWorker.GROUP);

      StepDispatch dispatch = validateOrder();
      try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
        producer
            .send(
                new ProducerRecord<>(
                    topics.dispatch("demo"),
                    dispatch.taskId().toString(),
                    DISPATCHES.encode(dispatch)))
            .get();
      }

      List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
      ConsumerRecord<String, byte[]> success =
          await()
              .atMost(Duration.ofMinutes(1))
              .pollInSameThread()
              .pollInterval(Duration.ofMillis(100))
              .until(
                  () -> {
                    results.poll(Duration.ofMillis(200)).forEach(seen::add);
                    return seen.stream()
                        .filter(
                            r -> RESULTS.decode(r.value()).outcome() instanceof Outcome.Succeeded)
                        .findFirst();
                  },
                  Optional::isPresent)
              .orElseThrow();

      StepResult result = RESULTS.decode(success.value());
      assertThat(success.key()).isEqualTo(dispatch.taskId().toString());
      assertThat(result.taskId()).isEqualTo(dispatch.taskId());
      assertThat(result.stepId()).isEqualTo(dispatch.stepId());
      assertThat(result.attempt()).isEqualTo(1);
      assertThat(((Outcome.Succeeded) result.outcome()).result().path("order_id").asString())
          .isEqualTo("ORD-IT-1");

      assertThat(workers.stop(Duration.ofSeconds(60))).as(workers.output()).isZero();
      assertThat(workers.out()).contains("Stopped.");
    }
  }

  /** The first step of an order, as the scheduler would dispatch it. */
  private static StepDispatch validateOrder() {
    UUID taskId = UuidV7.generate();
    return new StepDispatch(
        StepDispatch.SCHEMA_VERSION,
        taskId,
        UuidV7.generate(),
        "validate_order",
        1,
        3,
        FulfilmentWorker.NAMESPACE,
        "validate_order",
        FulfilmentWorker.order(1).put("order_id", "ORD-IT-1"),
        JsonNodeFactory.instance.objectNode(),
        null,
        Map.of(),
        0,
        null,
        Instant.now().plus(Duration.ofMinutes(5)),
        30_000L);
  }

  private static KafkaProducer<String, byte[]> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static KafkaConsumer<String, byte[]> consumer(String bootstrap, String topic) {
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "workers-only-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }
}
