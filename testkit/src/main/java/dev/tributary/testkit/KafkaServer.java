package dev.tributary.testkit;

import static dev.tributary.testkit.TestInfrastructure.env;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.kafka.KafkaContainer;

/** One Kafka broker for the test JVM. Tests isolate themselves with {@link TestTopics}. */
public final class KafkaServer {

  private static final Logger log = LoggerFactory.getLogger(KafkaServer.class);

  /** Partitions of auto-created topics: enough for tests that run several consumers. */
  public static final int PARTITIONS = 4;

  private final String bootstrapServers;

  private KafkaServer(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  static KafkaServer start() {
    String external = env("TRIBUTARY_TEST_KAFKA_BOOTSTRAP_SERVERS");
    if (!external.isEmpty()) {
      log.info("Integration tests use external Kafka at {}", external);
      return new KafkaServer(external);
    }
    if (TestInfrastructure.dockerAvailable()) {
      KafkaContainer container =
          new KafkaContainer("apache/kafka:4.2.0")
              .withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(PARTITIONS))
              .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
      container.start();
      log.info("Integration tests use Kafka in a Testcontainers container");
      return new KafkaServer(container.getBootstrapServers());
    }
    LoopbackKafka broker = LoopbackKafka.start(embeddedBrokerProperties());
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "embedded-kafka-shutdown"));
    log.info("Integration tests use an embedded KRaft broker at {}", broker.bootstrapServers());
    return new KafkaServer(broker.bootstrapServers());
  }

  /** The settings of an embedded broker, the shared one or a test's own. */
  static Map<String, String> embeddedBrokerProperties() {
    return Map.of(
        "auto.create.topics.enable", "true",
        // Auto-created topics get as many partitions as the services create theirs with.
        "num.partitions", String.valueOf(PARTITIONS),
        // A consumer group forms at once instead of waiting for more members.
        "group.initial.rebalance.delay.ms", "0",
        "offsets.topic.num.partitions", "4");
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }
}
