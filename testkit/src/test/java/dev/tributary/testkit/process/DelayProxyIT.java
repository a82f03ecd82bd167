package dev.tributary.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy between a client and an echo server on loopback. */
class DelayProxyIT {

  private static final Duration DELAY = Duration.ofMillis(300);

  private ServerSocket echo;
  private DelayProxy proxy;

  @BeforeEach
  void startEchoServerAndProxy() throws IOException {
    echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::serveEcho);
    proxy = DelayProxy.start(echo.getLocalPort());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
  }

  @Test
  void a_round_trip_takes_at_least_the_delay_each_way_while_delayed() throws IOException {
    try (Socket client = connect()) {
      assertThat(roundTrip(client, "fast")).isLessThan(DELAY);

      proxy.delay(DELAY);
      assertThat(roundTrip(client, "slow")).isGreaterThanOrEqualTo(DELAY.multipliedBy(2));

      proxy.pass();
      assertThat(roundTrip(client, "fast again")).isLessThan(DELAY);
    }
  }

  @Test
  void a_black_hole_swallows_everything_and_passing_again_resets_the_broken_connections()
      throws IOException {
    try (Socket client = connect()) {
      roundTrip(client, "before");
      proxy.blackHole();
      client.setSoTimeout(1_000);
      send(client, "into the void");

      assertThatThrownBy(() -> client.getInputStream().read())
          .isInstanceOf(SocketTimeoutException.class);
      assertThat(proxy.connections()).isEqualTo(1);

      proxy.pass();

      assertThat(readOrReset(client)).as("the broken connection is reset").isEqualTo(-1);
    }
    try (Socket client = connect()) {
      assertThat(roundTrip(client, "after")).isLessThan(DELAY);
    }
  }

  @Test
  void a_client_of_a_proxy_whose_target_is_down_sees_its_connection_closed() throws IOException {
    // A port bound but not listening: a connection to it is refused, and unlike a closed server's
    // port, no other process (builds run tests side by side) can start listening on it meanwhile.
    try (Socket nothingListens = new Socket()) {
      nothingListens.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      try (DelayProxy toNowhere = DelayProxy.start(nothingListens.getLocalPort());
          Socket client = new Socket(InetAddress.getLoopbackAddress(), toNowhere.port())) {
        client.setSoTimeout(5_000);
        assertThat(readOrReset(client)).isEqualTo(-1);
      }
    }
  }

  private Socket connect() throws IOException {
    return new Socket(InetAddress.getLoopbackAddress(), proxy.port());
  }

  /** Sends a line and reads it back; returns how long that took. */
  private static Duration roundTrip(Socket client, String text) throws IOException {
    client.setSoTimeout(5_000);
    long start = System.nanoTime();
    send(client, text);
    byte[] expected = (text + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] received = client.getInputStream().readNBytes(expected.length);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(new String(received, StandardCharsets.UTF_8)).isEqualTo(text + "\n");
    return took;
  }

  private static void send(Socket client, String text) throws IOException {
    OutputStream out = client.getOutputStream();
    out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** -1 at the end of the stream or on a reset. */
  private static int readOrReset(Socket client) {
    try {
      return client.getInputStream().read();
    } catch (SocketTimeoutException e) {
      throw new AssertionError("neither data nor the end of the stream in time", e);
    } catch (IOException reset) {
      return -1;
    }
  }

  private void serveEcho() {
    while (!echo.isClosed()) {
      try {
        Socket connection = echo.accept();
        Thread.ofVirtual()
            .start(
                () -> {
                  try (connection;
                      InputStream in = connection.getInputStream();
                      OutputStream out = connection.getOutputStream()) {
                    in.transferTo(out);
                  } catch (IOException closed) {
                    // The test closed its side.
                  }
                });
      } catch (IOException closed) {
        return;
      }
    }
  }
}
