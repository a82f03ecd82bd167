package dev.tributary.demo;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A single Kafka broker in KRaft mode, in this JVM (spring-kafka-test's broker, as the testkit
 * starts one). Its logs live in a temporary directory and are gone when the demo stops.
 */
final class EmbeddedBroker implements AutoCloseable {

  /**
   * Partitions of every topic: one processor and one scheduler consume them all, so more would only
   * cost start-up time.
   */
  static final int PARTITIONS = 4;

  private final EmbeddedKafkaKraftBroker broker;

  private EmbeddedBroker(EmbeddedKafkaKraftBroker broker) {
    this.broker = broker;
  }

  /**
   * Starts the broker on a free port. (spring-kafka-test's KRaft broker ignores {@code
   * kafkaPorts(...)}, and its test kit binds the listeners' sockets itself.)
   */
  static EmbeddedBroker start() {
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
    Map<String, String> properties = new HashMap<>();
    properties.put("num.partitions", String.valueOf(PARTITIONS));
    // A consumer group forms at once instead of waiting for more members.
    properties.put("group.initial.rebalance.delay.ms", "0");
    properties.put("offsets.topic.num.partitions", String.valueOf(PARTITIONS));
    broker.brokerProperties(properties);
    // Formatting the broker's storage prints to System.out, where the demo shows its progress.
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
    try {
      broker.afterPropertiesSet();
    } finally {
      System.setOut(stdout);
    }
    return new EmbeddedBroker(broker);
  }

  String bootstrapServers() {
    return broker.getBrokersAsString();
  }

  @Override
  public void close() {
    broker.destroy();
  }
}
