package dev.tributary.testkit;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.PreboundSocketFactoryManager;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.server.ServerSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single Kafka node in KRaft mode (broker and controller) in this JVM, started with Kafka's test
 * kit as spring-kafka-test's {@code EmbeddedKafkaKraftBroker} starts it, but listening on 127.0.0.1
 * only: it has no authentication, and tests have no business on the network.
 *
 * <p>The test kit binds each node's listener sockets when the cluster is built, before the nodes
 * start, so that the controller quorum's addresses are known up front ({@code
 * PreboundSocketFactoryManager}), and binds them to the wildcard address whatever {@code listeners}
 * says; nothing in its API (nor in spring-kafka-test's) changes that. So this replaces each
 * pre-bound socket, after the build and before the start, with one bound to the same port on
 * 127.0.0.1, reading the kit's private fields (never writing them). A restarted node binds its
 * listener again on the {@code listeners} host, 127.0.0.1. The demo's broker does the same (demo's
 * {@code LoopbackListeners}, which cannot depend on the testkit).
 */
final class LoopbackKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LoopbackKafka.class);

  /** Where the node listens, and what it tells clients to connect to. */
  static final String HOST = "127.0.0.1";

  private final KafkaClusterTestKit cluster;
  private final String bootstrapServers;

  private LoopbackKafka(KafkaClusterTestKit cluster, String bootstrapServers) {
    this.cluster = cluster;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Starts a node with these broker settings on free ports, internal topics with one replica.
   *
   * @param properties broker settings, e.g. {@code num.partitions}
   */
  static LoopbackKafka start(Map<String, String> properties) {
    TestKitNodes nodes =
        new TestKitNodes.Builder()
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .build();
    Map<String, String> settings = new HashMap<>();
    settings.put(
        "listeners",
        nodes.brokerListenerName().value()
            + "://"
            + HOST
            + ":0,"
            + nodes.controllerListenerName().value()
            + "://"
            + HOST
            + ":0");
    // One broker: internal topics cannot have more replicas.
    settings.put("offsets.topic.replication.factor", "1");
    settings.put("transaction.state.log.replication.factor", "1");
    settings.put("transaction.state.log.min.isr", "1");
    settings.putAll(properties);
    KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
    settings.forEach(builder::setConfigProp);
    keepThisJvmOnFatalErrors();
    KafkaClusterTestKit cluster = null;
    try {
      cluster = builder.build();
      rebindOnLoopback(cluster);
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      int port = cluster.brokers().values().iterator().next().boundPort(nodes.brokerListenerName());
      return new LoopbackKafka(cluster, HOST + ":" + port);
    } catch (Exception e) {
      Utils.closeQuietly(cluster, "embedded Kafka broker");
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("the embedded Kafka broker did not start", e);
    }
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

  KafkaClusterTestKit cluster() {
    return cluster;
  }

  @Override
  public void close() {
    Utils.closeQuietly(cluster, "embedded Kafka broker");
  }

  private static void rebindOnLoopback(KafkaClusterTestKit cluster) throws IOException {
    PreboundSocketFactoryManager manager =
        (PreboundSocketFactoryManager)
            read(KafkaClusterTestKit.class, "socketFactoryManager", cluster);
    // Node id, then listener name, to the socket the node will listen on.
    @SuppressWarnings("unchecked")
    Map<Integer, Map<String, ServerSocketChannel>> sockets =
        (Map<Integer, Map<String, ServerSocketChannel>>)
            read(PreboundSocketFactoryManager.class, "sockets", manager);
    // HOST's address, built rather than looked up: there is no name to resolve.
    InetAddress loopback = InetAddress.getByAddress(HOST, new byte[] {127, 0, 0, 1});
    synchronized (manager) {
      for (Map<String, ServerSocketChannel> listeners : sockets.values()) {
        for (Map.Entry<String, ServerSocketChannel> listener : listeners.entrySet()) {
          int port = ((InetSocketAddress) listener.getValue().getLocalAddress()).getPort();
          listener.getValue().close();
          // As the kit opens them (default backlog and buffer), on the same port: the quorum
          // configuration already names it.
          listener.setValue(
              ServerSocketFactory.INSTANCE.openServerSocket(
                  listener.getKey(), new InetSocketAddress(loopback, port), -1, -1));
        }
      }
    }
  }

  private static Object read(Class<?> type, String field, Object instance) {
    try {
      Field declared = type.getDeclaredField(field);
      declared.setAccessible(true);
      return declared.get(instance);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "Kafka's test kit has changed: no field "
              + type.getSimpleName()
              + "."
              + field
              + " to bind the broker to "
              + HOST
              + " with; adapt LoopbackKafka to this Kafka version",
          e);
    }
  }
}
