package dev.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ListeningSocketTest {

  @Test
  void an_ipv4_address_is_read_in_the_kernels_byte_order() {
    assertThat(ListeningSocket.parse("0100007F:1F90")).hasToString("127.0.0.1:8080");
  }

  @Test
  void ipv6_addresses_are_four_words_each_in_the_kernels_byte_order() {
    assertThat(ListeningSocket.parse("00000000000000000000000001000000:0050"))
        .hasToString("0:0:0:0:0:0:0:1:80");
    assertThat(ListeningSocket.parse("00000000000000000000000000000000:2383"))
        .satisfies(socket -> assertThat(socket.address().isAnyLocalAddress()).isTrue())
        .satisfies(socket -> assertThat(socket.port()).isEqualTo(9091));
  }
}
