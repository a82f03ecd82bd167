package dev.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The tests' embedded broker has no authentication, so it listens on 127.0.0.1 only: the broker's
 * listener and the KRaft controller's, and again after a restart.
 */
class LoopbackKafkaIT {

  @Test
  void the_broker_and_its_controller_listen_on_loopback_only_before_and_after_a_restart() {
    assumeTrue(ListeningSocket.readable(), "needs Linux's /proc to list listening sockets");
    Set<ListeningSocket> before = ListeningSocket.ofThisProcess();

    try (RestartableKafka kafka = new RestartableKafka()) {
      assertOnLoopback(opened(before), kafka.bootstrapServers());

      kafka.stop();
      kafka.start();

      assertOnLoopback(opened(before), kafka.bootstrapServers());
    }
  }

  private static Set<ListeningSocket> opened(Set<ListeningSocket> before) {
    Set<ListeningSocket> opened = new HashSet<>(ListeningSocket.ofThisProcess());
    opened.removeAll(before);
    return opened;
  }

  private static void assertOnLoopback(Set<ListeningSocket> opened, String bootstrapServers) {
    assertThat(opened)
        .as("the broker's listener and the KRaft controller's")
        .hasSize(2)
        .allSatisfy(socket -> assertThat(socket.address().getHostAddress()).isEqualTo("127.0.0.1"))
        .extracting(ListeningSocket::toString)
        .contains(bootstrapServers);
  }
}
