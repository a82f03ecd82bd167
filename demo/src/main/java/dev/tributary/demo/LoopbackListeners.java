package dev.tributary.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.PreboundSocketFactoryManager;
import org.apache.kafka.server.ServerSocketFactory;

/**
 * Moves the listening sockets of Kafka's KRaft test kit onto the loopback interface.
 *
 * <p>The test kit binds each node's broker and controller sockets when the cluster is built, before
 * any node starts, so that the controller quorum's addresses are known up front (its {@code
 * PreboundSocketFactoryManager}). It binds them to the wildcard address whatever the {@code
 * listeners} setting says, so a broker without authentication would answer on every network
 * interface, and nothing in its API changes that (nor in spring-kafka-test's broker, which wraps
 * it). This replaces each pre-bound socket, after the build and before the start, with one bound to
 * the same port on 127.0.0.1; the nodes take those when they start. The kit's private fields are
 * read, never written: if a Kafka upgrade renames them, the demo fails to start with the message
 * below, and {@code EmbeddedBrokerIT} checks what the broker listens on.
 */
final class LoopbackListeners {

  /** Where the broker and its controller listen, and what it tells clients to connect to. */
  static final String HOST = "127.0.0.1";

  private LoopbackListeners() {}

  /** Rebinds every socket the cluster pre-bound; call between {@code build()} and startup. */
  static void rebind(KafkaClusterTestKit cluster) {
    PreboundSocketFactoryManager manager =
        (PreboundSocketFactoryManager)
            read(KafkaClusterTestKit.class, "socketFactoryManager", cluster);
    // Node id, then listener name, to the socket the node will listen on.
    @SuppressWarnings("unchecked")
    Map<Integer, Map<String, ServerSocketChannel>> sockets =
        (Map<Integer, Map<String, ServerSocketChannel>>)
            read(PreboundSocketFactoryManager.class, "sockets", manager);
    try {
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
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the broker's listeners to " + HOST, e);
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
              + " with; adapt LoopbackListeners to this Kafka version",
          e);
    }
  }
}
