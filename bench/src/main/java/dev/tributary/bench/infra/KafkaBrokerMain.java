package dev.tributary.bench.infra;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.utils.AppInfoParser;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The benchmark's Kafka broker, in a JVM of its own so that its threads, heap and garbage
 * collection do not mix with the services under test (nor with their profile). Prints {@code
 * bootstrap=...} and {@code version=...} on standard output once the broker is up, then runs until
 * its standard input closes (the parent ended or closed it).
 */
public final class KafkaBrokerMain {

  static final String BOOTSTRAP = "bootstrap=";
  static final String VERSION = "version=";

  private KafkaBrokerMain() {}

  public static void main(String[] args) throws IOException {
    int partitions = Integer.parseInt(args[0]);
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions);
    broker.brokerProperties(
        Map.of(
            "auto.create.topics.enable", "true",
            "num.partitions", String.valueOf(partitions),
            // A consumer group forms at once instead of waiting for more members.
            "group.initial.rebalance.delay.ms", "0",
            "offsets.topic.num.partitions", "4"));
    broker.afterPropertiesSet();
    // The protocol with the parent process: two lines, then silence.
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println(BOOTSTRAP + broker.getBrokersAsString());
    out.println(VERSION + AppInfoParser.getVersion());
    try {
      while (System.in.read() >= 0) {
        // wait for the parent to close our input
      }
    } finally {
      broker.destroy();
    }
  }
}
