package dev.tributary.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tributary.testkit.ListeningSocket;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;

/**
 * The demo's broker, like its REST API, answers on this machine only: it has no authentication, so
 * it must not listen on the network.
 */
class EmbeddedBrokerIT {

  @Test
  void the_broker_and_its_controller_listen_on_the_loopback_interface_only() throws Exception {
    assumeTrue(ListeningSocket.readable(), "needs Linux's /proc to list listening sockets");
    Set<ListeningSocket> before = ListeningSocket.ofThisProcess();

    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      Set<ListeningSocket> opened = new HashSet<>(ListeningSocket.ofThisProcess());
      opened.removeAll(before);

      assertThat(opened)
          .as("the broker's listener and the KRaft controller's")
          .hasSize(2)
          .allSatisfy(
              socket -> assertThat(socket.address().getHostAddress()).isEqualTo("127.0.0.1"))
          .extracting(ListeningSocket::toString)
          .contains(broker.bootstrapServers());
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        assertThat(admin.describeCluster().nodes().get())
            .as("clients are sent to the loopback address too")
            .extracting(Node::host)
            .containsExactly("127.0.0.1");
      }
    }
  }
}
