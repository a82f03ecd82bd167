package dev.tributary.testkit;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A broker of its own, for tests that stop and restart it (the shared one must stay up for everyone
 * else). Restarting keeps its data and port, like restarting a real broker.
 */
public final class RestartableKafka implements AutoCloseable {

  private final EmbeddedKafkaKraftBroker broker;

  public RestartableKafka() {
    broker = new EmbeddedKafkaKraftBroker(1, KafkaServer.PARTITIONS);
    broker.brokerProperties(
        Map.of(
            "auto.create.topics.enable", "true",
            "num.partitions", String.valueOf(KafkaServer.PARTITIONS),
            "group.initial.rebalance.delay.ms", "0",
            "offsets.topic.num.partitions", "4"));
    broker.afterPropertiesSet();
  }

  public String bootstrapServers() {
    return broker.getBrokersAsString();
  }

  /** Stops the broker process; clients see it gone until {@link #start()}. */
  public void stop() {
    broker
        .getCluster()
        .brokers()
        .values()
        .forEach(
            b -> {
              b.shutdown();
              b.awaitShutdown();
            });
  }

  /** Starts the stopped broker again, with its data, on its port. */
  public void start() {
    broker.getCluster().brokers().values().forEach(b -> b.startup());
  }

  @Override
  public void close() {
    broker.destroy();
  }
}
