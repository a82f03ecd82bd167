package dev.tributary.demo;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single Kafka node in KRaft mode (broker and controller), in this JVM, started with Kafka's test
 * kit as spring-kafka-test's broker starts it, but listening on the loopback interface only (see
 * {@link LoopbackListeners}): it has no authentication. Its logs live in a temporary directory and
 * are gone when the demo stops.
 */
final class EmbeddedBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

  /**
   * Partitions of every topic: one processor and one scheduler consume them all, so more would only
   * cost start-up time.
   */
  static final int PARTITIONS = 4;

  private final KafkaClusterTestKit cluster;
  private final String bootstrapServers;

  private EmbeddedBroker(KafkaClusterTestKit cluster, String bootstrapServers) {
    this.cluster = cluster;
    this.bootstrapServers = bootstrapServers;
  }

  /** Starts the broker on a free port of 127.0.0.1. */
  static EmbeddedBroker start() {
    TestKitNodes nodes =
        new TestKitNodes.Builder()
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .build();
    KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
    brokerProperties(nodes).forEach(builder::setConfigProp);
    keepThisJvmOnFatalErrors();
    KafkaClusterTestKit cluster = null;
    try {
      cluster = builder.build();
      LoopbackListeners.rebind(cluster);
      // Formatting the broker's storage prints to System.out, where the demo shows its progress.
      PrintStream stdout = System.out;
      System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
      try {
        cluster.format();
      } finally {
        System.setOut(stdout);
      }
      cluster.startup();
      cluster.waitForReadyBrokers();
      int port = cluster.brokers().values().iterator().next().boundPort(nodes.brokerListenerName());
      return new EmbeddedBroker(cluster, LoopbackListeners.HOST + ":" + port);
    } catch (Exception e) {
      Utils.closeQuietly(cluster, "embedded Kafka broker");
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("the embedded Kafka broker did not start", e);
    }
  }

  private static Map<String, String> brokerProperties(TestKitNodes nodes) {
    String host = LoopbackListeners.HOST;
    return Map.of(
        // What the broker tells clients to connect to (the sockets: LoopbackListeners).
        "listeners",
        nodes.brokerListenerName().value()
            + "://"
            + host
            + ":0,"
            + nodes.controllerListenerName().value()
            + "://"
            + host
            + ":0",
        "num.partitions",
        String.valueOf(PARTITIONS),
        // One broker: internal topics cannot have more replicas.
        "offsets.topic.replication.factor",
        "1",
        "offsets.topic.num.partitions",
        String.valueOf(PARTITIONS),
        "transaction.state.log.replication.factor",
        "1",
        "transaction.state.log.min.isr",
        "1",
        // A consumer group forms at once instead of waiting for more members.
        "group.initial.rebalance.delay.ms",
        "0");
  }

  /**
   * As spring-kafka-test's broker does: a fatal error of the broker logs instead of ending the
   * whole JVM, the broker's guests with it.
   */
  private static void keepThisJvmOnFatalErrors() {
    Exit.setExitProcedure(
        (status, message) ->
            log.warn("The embedded Kafka broker exited ({}): {}", status, message));
    Exit.setHaltProcedure(
        (status, message) ->
            log.warn("The embedded Kafka broker halted ({}): {}", status, message));
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void close() {
    Utils.closeQuietly(cluster, "embedded Kafka broker");
  }
}
