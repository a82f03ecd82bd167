package dev.tributary.testkit.process;

import static org.awaitility.Awaitility.await;

import dev.tributary.testkit.KafkaServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.jspecify.annotations.Nullable;

/**
 * A Kafka broker as an operating-system process of its own: one KRaft node that is broker and
 * controller at once, run from the Kafka jars of the test class path ({@code kafka.Kafka
 * server.properties}, after {@code kafka.tools.StorageTool format}, the classes behind Kafka's
 * {@code kafka-server-start.sh} and {@code kafka-storage.sh}). It listens on 127.0.0.1 only: it has
 * no authentication. {@link #kill()} (SIGKILL) and {@link #start()} keep its log directory, cluster
 * id and ports, as a restarted broker would; after a kill it recovers its logs on start.
 *
 * <h2>Sending one client's traffic through a {@link DelayProxy}</h2>
 *
 * Kafka clients use their bootstrap address only for the first request: after that they connect to
 * the addresses the broker advertises in its metadata, for the listener the request came in on. A
 * proxy in front of the ordinary listener therefore sees one request, then nothing. So the broker
 * can have a second listener, {@value #PROXIED_LISTENER}, that listens on a port of its own but
 * advertises the proxy's port: a client bootstrapped at the proxy ({@link
 * #proxiedBootstrapServers()}) is told to reconnect to the proxy, and all its traffic goes through
 * it, while every other client uses {@link #bootstrapServers()} directly.
 *
 * <pre>{@code
 * int brokerSide = FreePort.next();
 * try (DelayProxy proxy = DelayProxy.start(brokerSide);
 *     KafkaProcess kafka =
 *         KafkaProcess.builder().proxiedListener(brokerSide, proxy.port()).start()) {
 *   // SPRING_KAFKA_BOOTSTRAP_SERVERS=kafka.proxiedBootstrapServers() for the service to slow down
 *   proxy.delay(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class KafkaProcess implements AutoCloseable {

  /** The name of the listener clients use directly. */
  public static final String LISTENER = "PLAINTEXT";

  /** The name of the listener that advertises a proxy's port. */
  public static final String PROXIED_LISTENER = "PROXIED";

  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String HOST = "127.0.0.1";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

  private final Scratch scratch;
  private final ChildProcess broker;
  private final Path properties;
  private final int port;
  private final @Nullable Integer advertisedProxyPort;
  private final List<String> jvmOptions;

  private KafkaProcess(Builder builder, Scratch scratch) {
    this.scratch = scratch;
    this.broker = new ChildProcess("kafka", scratch.logFile("kafka"));
    this.port = FreePort.next();
    this.advertisedProxyPort = builder.advertisedProxyPort;
    this.jvmOptions = new ArrayList<>(JavaCommand.DEFAULT_JVM_OPTIONS);
    jvmOptions.add(
        JavaCommand.logbackConfiguration(
            scratch.directory(),
            Map.of(
                "org.apache.kafka.clients", "WARN",
                "state.change.logger", "WARN",
                "kafka.request.logger", "WARN")));
    this.properties = scratch.directory().resolve("server.properties");
    write(properties, configuration(builder, scratch.directory().resolve("data")));
  }

  /** A builder of a broker with the defaults of the shared test broker's. */
  public static Builder builder() {
    return new Builder();
  }

  private Map<String, String> configuration(Builder builder, Path logDirectory) {
    int controllerPort = FreePort.next();
    Map<String, String> config = new LinkedHashMap<>();
    config.put("process.roles", "broker,controller");
    config.put("node.id", "1");
    config.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
    config.put("controller.listener.names", CONTROLLER_LISTENER);
    config.put("inter.broker.listener.name", LISTENER);
    String listeners =
        LISTENER
            + "://"
            + HOST
            + ":"
            + port
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + HOST
            + ":"
            + controllerPort;
    String advertised = LISTENER + "://" + HOST + ":" + port;
    String protocols = LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT";
    if (builder.proxiedListenerPort != null) {
      listeners += "," + PROXIED_LISTENER + "://" + HOST + ":" + builder.proxiedListenerPort;
      advertised += "," + PROXIED_LISTENER + "://" + HOST + ":" + builder.advertisedProxyPort;
      protocols += "," + PROXIED_LISTENER + ":PLAINTEXT";
    }
    config.put("listeners", listeners);
    config.put("advertised.listeners", advertised);
    config.put("listener.security.protocol.map", protocols);
    config.put("log.dirs", logDirectory.toString());
    config.put("num.partitions", String.valueOf(builder.partitions));
    config.put("offsets.topic.num.partitions", String.valueOf(builder.offsetsTopicPartitions));
    // One broker: internal topics cannot have more replicas.
    config.put("offsets.topic.replication.factor", "1");
    config.put("transaction.state.log.replication.factor", "1");
    config.put("transaction.state.log.min.isr", "1");
    config.put("share.coordinator.state.topic.replication.factor", "1");
    config.put("share.coordinator.state.topic.min.isr", "1");
    config.put("auto.create.topics.enable", "true");
    // A consumer group forms at once instead of waiting for more members.
    config.put("group.initial.rebalance.delay.ms", "0");
    config.putAll(builder.properties);
    return config;
  }

  private static void write(Path file, Map<String, String> config) {
    StringBuilder text = new StringBuilder();
    config.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  private void format() {
    ChildProcess storageTool = new ChildProcess("kafka-storage", broker.logFile());
    storageTool.start(
        JavaCommand.onTestClassPath(
            jvmOptions,
            "kafka.tools.StorageTool",
            List.of(
                "format",
                "--cluster-id",
                Uuid.randomUuid().toString(),
                "--config",
                properties.toString())),
        Map.of(),
        scratch.directory());
    int exit = storageTool.awaitExit(Duration.ofMinutes(2));
    if (exit != 0) {
      throw new IllegalStateException(
          "formatting the broker's storage failed (" + exit + "):\n" + storageTool.logTail(30));
    }
  }

  /**
   * Starts the broker on its data and ports, and waits until it answers {@code describeCluster}.
   *
   * @throws IllegalStateException if it runs already, or is not ready in time
   */
  public void start() {
    broker.start(
        JavaCommand.onTestClassPath(jvmOptions, "kafka.Kafka", List.of(properties.toString())),
        Map.of(),
        scratch.directory());
    await("the Kafka broker at " + bootstrapServers() + " answering")
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(this::answers);
  }

  private boolean answers() {
    if (!broker.isAlive()) {
      throw new IllegalStateException(
          "the Kafka broker exited with "
              + broker.exitCode().orElse(-1)
              + " while starting:\n"
              + broker.logTail(40));
    }
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000))) {
      return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
    } catch (ExecutionException | TimeoutException starting) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGKILL to the broker; returns once it is gone. Clients see it vanish mid-request. */
  public void kill() {
    broker.kill();
  }

  /**
   * SIGTERM: a controlled shutdown (the broker hands over and flushes); SIGKILL after {@code
   * grace}.
   *
   * @return the exit code
   */
  public int stop(Duration grace) {
    return broker.stop(grace);
  }

  /** {@code 127.0.0.1:<port>}: the listener clients use directly. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  /**
   * {@code 127.0.0.1:<proxy port>}: the address of the proxy in front of the {@value
   * #PROXIED_LISTENER} listener, which the broker advertises to the clients that come through it.
   *
   * @throws IllegalStateException if the broker was built without {@link
   *     Builder#proxiedListener(int, int)}
   */
  public String proxiedBootstrapServers() {
    if (advertisedProxyPort == null) {
      throw new IllegalStateException(
          "this broker has no " + PROXIED_LISTENER + " listener; build it with proxiedListener()");
    }
    return HOST + ":" + advertisedProxyPort;
  }

  public long pid() {
    return broker.pid();
  }

  public boolean isAlive() {
    return broker.isAlive();
  }

  /** The last run's exit code, once it has exited. */
  public OptionalInt exitCode() {
    return broker.exitCode();
  }

  /** The broker's log, over every start. */
  public Path logFile() {
    return broker.logFile();
  }

  /** Kills the broker and deletes its data. */
  @Override
  public void close() {
    try {
      broker.close();
    } finally {
      scratch.delete();
    }
  }

  /** What the broker is made with; {@link #start()} formats its storage and starts it. */
  public static final class Builder {

    private int partitions = KafkaServer.PARTITIONS;
    private int offsetsTopicPartitions = 4;
    private @Nullable Integer proxiedListenerPort;
    private @Nullable Integer advertisedProxyPort;
    private final Map<String, String> properties = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Partitions of auto-created topics ({@code num.partitions}); {@value KafkaServer#PARTITIONS}
     * by default. The services create their own topics with {@code tributary.kafka.partitions}.
     */
    public Builder partitions(int partitions) {
      this.partitions = partitions;
      return this;
    }

    /** Partitions of {@code __consumer_offsets}; 4 by default (Kafka's 50 take long to create). */
    public Builder offsetsTopicPartitions(int partitions) {
      this.offsetsTopicPartitions = partitions;
      return this;
    }

    /**
     * Adds the {@value #PROXIED_LISTENER} listener: it listens on {@code listenPort} and tells its
     * clients to connect to {@code advertisedPort}, where a {@link DelayProxy} forwarding to {@code
     * listenPort} listens.
     */
    public Builder proxiedListener(int listenPort, int advertisedPort) {
      this.proxiedListenerPort = listenPort;
      this.advertisedProxyPort = advertisedPort;
      return this;
    }

    /** Any other broker setting, e.g. {@code log.retention.ms}. */
    public Builder property(String name, String value) {
      properties.put(name, value);
      return this;
    }

    /** Formats the broker's storage, starts it and waits until it answers. */
    public KafkaProcess start() {
      Scratch scratch = Scratch.create("kafka");
      KafkaProcess kafka;
      try {
        kafka = new KafkaProcess(this, scratch);
      } catch (RuntimeException e) {
        scratch.delete();
        throw e;
      }
      try {
        kafka.format();
        kafka.start();
        return kafka;
      } catch (RuntimeException e) {
        kafka.close();
        throw e;
      }
    }
  }
}
