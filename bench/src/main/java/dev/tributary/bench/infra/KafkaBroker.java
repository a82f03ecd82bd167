package dev.tributary.bench.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka broker of a benchmark run: the one named by {@value #BOOTSTRAP_ENV} when set, otherwise
 * a single embedded KRaft broker in a child JVM ({@link KafkaBrokerMain}).
 */
public final class KafkaBroker implements AutoCloseable {

  public static final String BOOTSTRAP_ENV = "TRIBUTARY_BENCH_KAFKA_BOOTSTRAP_SERVERS";

  private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final String bootstrapServers;
  private final String version;
  private final String description;
  private final @Nullable ChildJvm child;

  private KafkaBroker(
      String bootstrapServers, String version, String description, @Nullable ChildJvm child) {
    this.bootstrapServers = bootstrapServers;
    this.version = version;
    this.description = description;
    this.child = child;
  }

  /**
   * Starts (or connects to) the broker.
   *
   * @param partitions partitions of topics the broker creates by itself
   * @param logFile where the child broker's own log goes
   */
  public static KafkaBroker start(int partitions, Path logFile) {
    String external = Env.get(BOOTSTRAP_ENV);
    if (!external.isEmpty()) {
      return new KafkaBroker(external, "unknown (external)", "external Kafka at " + external, null);
    }
    ChildJvm child =
        ChildJvm.start(
            "the Kafka broker",
            KafkaBrokerMain.class,
            List.of("-Xms512m", "-Xmx1g"),
            List.of(String.valueOf(partitions)),
            logFile,
            STOP_TIMEOUT);
    try {
      Process process = child.process();
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String bootstrap = null;
      String version = "unknown";
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(KafkaBrokerMain.BOOTSTRAP)) {
          bootstrap = line.substring(KafkaBrokerMain.BOOTSTRAP.length());
        } else if (line.startsWith(KafkaBrokerMain.VERSION)) {
          version = line.substring(KafkaBrokerMain.VERSION.length());
          break;
        }
      }
      if (bootstrap == null) {
        child.close();
        throw new IllegalStateException(
            "the Kafka broker process ended before it was up; see " + logFile);
      }
      log.info("Benchmarks use an embedded KRaft broker at {} (Kafka {})", bootstrap, version);
      return new KafkaBroker(
          bootstrap,
          version,
          "embedded KRaft broker (spring-kafka-test), one node, in a JVM of its own",
          child);
    } catch (IOException e) {
      child.close();
      throw new UncheckedIOException("could not read the Kafka broker process's output", e);
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The broker's Kafka version, as far as known. */
  public String version() {
    return version;
  }

  public String description() {
    return description;
  }

  /** The broker's process, when this run started it. */
  public java.util.Optional<ProcessHandle> process() {
    return java.util.Optional.ofNullable(child).map(c -> c.process().toHandle());
  }

  /** Creates topics that do not exist yet, with the given partitions and one replica. */
  public void createTopics(List<String> topics, int partitions) {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(properties)) {
      var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          topics.stream()
              .filter(t -> !existing.contains(t))
              .map(t -> new NewTopic(t, partitions, (short) 1))
              .toList();
      admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("could not create topics " + topics, e);
    }
  }

  @Override
  public void close() {
    if (child != null) {
      child.close();
    }
  }
}
