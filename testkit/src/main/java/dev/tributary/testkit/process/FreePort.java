package dev.tributary.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Ports the operating system hands out, for servers that must be told their port before they start
 * and keep it across restarts (a broker's listeners, a service's HTTP ports, PostgreSQL).
 *
 * <p>The port is found by binding port 0 on 127.0.0.1 and closing the socket again: another process
 * could take it in between, which on a test machine is rare and shows as the server failing to bind
 * ("Address already in use") in its log. Fixtures that can read their port back from a socket they
 * keep open ({@link DelayProxy}) do that instead.
 */
public final class FreePort {

  private FreePort() {}

  /** A port free on 127.0.0.1 a moment ago. */
  public static int next() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on the loopback interface", e);
    }
  }
}
