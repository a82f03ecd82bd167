package dev.tributary.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 between clients and a target port on 127.0.0.1, that can slow the
 * traffic down or swallow it: a network fault between one client and one server, injected from
 * outside both.
 *
 * <ul>
 *   <li>{@link #delay(Duration)}: every chunk of bytes is forwarded that long after it arrived, in
 *       each direction, in order: a request and its answer take at least twice the delay;
 *   <li>{@link #blackHole()}: bytes are read and dropped, both ways; connections stay open and new
 *       ones are accepted, so clients see silence, not a refusal, until their own timeouts fire
 *       (e.g. a Kafka producer's {@code delivery.timeout.ms});
 *   <li>{@link #pass()}: forwards at once again. Connections that lost bytes to the black hole are
 *       reset, since their byte streams are broken; clients reconnect;
 *   <li>{@link #resetConnections()}: closes every connection (clients see a reset).
 * </ul>
 *
 * <p>Its port comes from the operating system and stays while it runs. For Kafka, see {@link
 * KafkaProcess}: a client follows the broker's advertised addresses, so the broker must advertise
 * the proxy's port. Each connection has two reading and two writing virtual threads.
 */
public final class DelayProxy implements AutoCloseable {

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final Set<ProxiedConnection> connections = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile Mode mode = Mode.PASS;

  /**
   * How the proxy forwards now.
   *
   * @param delay added to every chunk's forwarding
   * @param blackHole whether chunks are dropped instead
   */
  record Mode(Duration delay, boolean blackHole) {
    static final Mode PASS = new Mode(Duration.ZERO, false);
  }

  private DelayProxy(ServerSocket server, InetSocketAddress target) {
    this.server = server;
    this.target = target;
    this.acceptor =
        Thread.ofPlatform().daemon().name("delay-proxy-" + port()).unstarted(this::accept);
  }

  /** A proxy listening on a free port of 127.0.0.1, forwarding to {@code targetPort} there. */
  public static DelayProxy start(int targetPort) {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try {
      ServerSocket server = new ServerSocket(0, 50, loopback);
      DelayProxy proxy = new DelayProxy(server, new InetSocketAddress(loopback, targetPort));
      proxy.acceptor.start();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException("could not listen on the loopback interface", e);
    }
  }

  /** The port clients connect to. */
  public int port() {
    return server.getLocalPort();
  }

  /** {@code 127.0.0.1:<port>}. */
  public String address() {
    return "127.0.0.1:" + port();
  }

  /** The port traffic is forwarded to. */
  public int targetPort() {
    return target.getPort();
  }

  /** From now on, forwards every chunk {@code delay} after it arrived (each direction). */
  public void delay(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("a delay cannot be negative: " + delay);
    }
    mode = new Mode(delay, false);
  }

  /** From now on, drops everything in both directions, until {@link #pass()} or a delay. */
  public void blackHole() {
    mode = new Mode(Duration.ZERO, true);
  }

  /** Forwards at once again; resets the connections that lost bytes meanwhile. */
  public void pass() {
    mode = Mode.PASS;
    connections.stream().filter(ProxiedConnection::lostBytes).forEach(ProxiedConnection::close);
  }

  /** Closes every open connection through the proxy; new ones are accepted as before. */
  public void resetConnections() {
    connections.forEach(ProxiedConnection::close);
  }

  /** Connections open through the proxy now. */
  public int connections() {
    return connections.size();
  }

  Mode mode() {
    return mode;
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException closed) {
        return;
      }
      try {
        Socket upstream = connectUpstream();
        ProxiedConnection connection =
            new ProxiedConnection(client, upstream, this::mode, connections::remove);
        connections.add(connection);
        connection.start();
      } catch (IOException unreachable) {
        // The target is down (a killed broker): the client sees its connection closed at once.
        closeQuietly(client);
      }
    }
  }

  /**
   * Connects to the target. A connection to a free loopback port can meet itself: the kernel may
   * pick that very port as the connection's own (TCP simultaneous open), and the proxy would then
   * talk to itself. That is a target that is down.
   */
  private Socket connectUpstream() throws IOException {
    Socket upstream = new Socket();
    upstream.connect(target, 5_000);
    if (upstream.getLocalPort() == target.getPort()) {
      closeQuietly(upstream);
      throw new IOException("connected to itself: nothing listens on " + target);
    }
    return upstream;
  }

  static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing is all that was wanted.
    }
  }

  /** Stops accepting and closes every connection. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // Closing is all that was wanted.
    }
    resetConnections();
  }
}
