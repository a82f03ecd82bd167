package dev.tributary.worker;

import dev.tributary.contracts.Topics;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link TributaryWorker} connects and behaves. Immutable; made with {@link #builder()} and
 * validated by {@link Builder#build()}, whose messages say what to change.
 *
 * <pre>{@code
 * WorkerOptions options =
 *     WorkerOptions.builder()
 *         .bootstrapServers("kafka:9092")
 *         .groupId("shop-workers")
 *         .concurrency(16)
 *         .build();
 * }</pre>
 */
public final class WorkerOptions {

  /** No prefix: the topic names the scheduler uses by default. */
  public static final String DEFAULT_TOPIC_PREFIX = "";

  /** Steps run at once when not configured. */
  public static final int DEFAULT_CONCURRENCY = 8;

  /** The most steps one worker may run at once; scale out with more instances instead. */
  public static final int MAX_CONCURRENCY = 10_000;

  /**
   * Seconds in-flight steps get to finish on shutdown when not configured: with committing and
   * leaving the group, this fits in Kubernetes' default 30-second termination grace period.
   */
  public static final int DEFAULT_SHUTDOWN_GRACE_PERIOD_SECONDS = 20;

  /** How long in-flight steps get to finish on shutdown when not configured. */
  public static final Duration DEFAULT_SHUTDOWN_GRACE_PERIOD =
      Duration.ofSeconds(DEFAULT_SHUTDOWN_GRACE_PERIOD_SECONDS);

  /**
   * Kafka client properties the worker sets itself, because its guarantees depend on them (offsets
   * committed only after results are acknowledged, an idempotent producer, back-pressure by
   * concurrency) or because an option of this class sets them.
   */
  public static final Set<String> RESERVED_KAFKA_PROPERTIES =
      Set.of(
          "bootstrap.servers",
          "group.id",
          "client.id",
          "enable.auto.commit",
          "max.poll.records",
          "enable.idempotence",
          "acks",
          "key.serializer",
          "value.serializer",
          "key.deserializer",
          "value.deserializer");

  private final String bootstrapServers;
  private final String groupId;
  private final Topics topics;
  private final int concurrency;
  private final Duration shutdownGracePeriod;
  private final @Nullable String clientId;
  private final String workerId;
  private final Map<String, String> kafkaProperties;
  private final Clock clock;
  private final OpenTelemetry openTelemetry;

  private WorkerOptions(Builder builder, String bootstrapServers, String groupId, Topics topics) {
    this.bootstrapServers = bootstrapServers;
    this.groupId = groupId;
    this.topics = topics;
    this.concurrency = builder.concurrency;
    this.shutdownGracePeriod = builder.shutdownGracePeriod;
    this.clientId = builder.clientId;
    this.workerId = builder.workerId == null ? defaultWorkerId() : builder.workerId;
    this.kafkaProperties = Map.copyOf(builder.kafkaProperties);
    this.clock = builder.clock;
    this.openTelemetry = builder.openTelemetry;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The Kafka brokers to connect to, e.g. {@code "kafka-0:9092,kafka-1:9092"}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The consumer group: instances running the same handlers share one, and so share the work. */
  public String groupId() {
    return groupId;
  }

  /** The topic names, with the configured prefix. */
  public Topics topics() {
    return topics;
  }

  /** The most steps run at once. */
  public int concurrency() {
    return concurrency;
  }

  /** How long in-flight steps get to finish on shutdown before they are given back. */
  public Duration shutdownGracePeriod() {
    return shutdownGracePeriod;
  }

  /** The Kafka client id prefix, if one was set; Kafka picks one otherwise. */
  public Optional<String> clientId() {
    return Optional.ofNullable(clientId);
  }

  /** The name this worker reports in its results, for operators. */
  public String workerId() {
    return workerId;
  }

  /** Extra Kafka client properties, e.g. security settings; applied to consumer and producer. */
  public Map<String, String> kafkaProperties() {
    return kafkaProperties;
  }

  /** The clock deadlines are checked against. */
  public Clock clock() {
    return clock;
  }

  /** Where handler spans go; a no-op unless an OpenTelemetry SDK was given. */
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /** Kafka property values may hold secrets, so only their names are shown. */
  @Override
  public String toString() {
    return "WorkerOptions[bootstrapServers="
        + bootstrapServers
        + ", groupId="
        + groupId
        + ", topicPrefix="
        + topics.prefix()
        + ", concurrency="
        + concurrency
        + ", shutdownGracePeriod="
        + shutdownGracePeriod
        + ", clientId="
        + clientId
        + ", workerId="
        + workerId
        + ", kafkaProperties="
        + new TreeMap<>(kafkaProperties).keySet()
        + "]";
  }

  private static String defaultWorkerId() {
    // In Kubernetes HOSTNAME is the pod name, which is what an operator looks for.
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      host = System.getenv("COMPUTERNAME");
    }
    String pid = String.valueOf(ProcessHandle.current().pid());
    return host == null || host.isBlank() ? "pid-" + pid : host + "-" + pid;
  }

  /** Collects options; {@link #build()} validates them. Not thread-safe. */
  public static final class Builder {

    private @Nullable String bootstrapServers;
    private @Nullable String groupId;
    private String topicPrefix = DEFAULT_TOPIC_PREFIX;
    private int concurrency = DEFAULT_CONCURRENCY;
    private Duration shutdownGracePeriod = DEFAULT_SHUTDOWN_GRACE_PERIOD;
    private @Nullable String clientId;
    private @Nullable String workerId;
    private final Map<String, String> kafkaProperties = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private OpenTelemetry openTelemetry = OpenTelemetry.noop();

    private Builder() {}

    /** The Kafka brokers to connect to. Required. */
    public Builder bootstrapServers(String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
      return this;
    }

    /** The consumer group shared by the instances of this kind of worker. Required. */
    public Builder groupId(String groupId) {
      this.groupId = groupId;
      return this;
    }

    /** The topic prefix, the same as the scheduler's; empty by default. */
    public Builder topicPrefix(String topicPrefix) {
      this.topicPrefix = topicPrefix;
      return this;
    }

    /** The most steps run at once; {@value WorkerOptions#DEFAULT_CONCURRENCY} by default. */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /**
     * How long in-flight steps get to finish on {@link TributaryWorker#close()}; {@value
     * WorkerOptions#DEFAULT_SHUTDOWN_GRACE_PERIOD_SECONDS} seconds by default. Keep it below the
     * platform's own limit (Kubernetes' {@code terminationGracePeriodSeconds}).
     */
    public Builder shutdownGracePeriod(Duration shutdownGracePeriod) {
      this.shutdownGracePeriod = shutdownGracePeriod;
      return this;
    }

    /** The Kafka client id prefix (shown in broker logs and quotas); Kafka picks one if unset. */
    public Builder clientId(String clientId) {
      this.clientId = clientId;
      return this;
    }

    /** The name reported in results; the host name (the pod name) and process id by default. */
    public Builder workerId(String workerId) {
      this.workerId = workerId;
      return this;
    }

    /**
     * An extra Kafka client property for both consumer and producer, e.g. {@code
     * security.protocol}. Those in {@link WorkerOptions#RESERVED_KAFKA_PROPERTIES} are rejected.
     */
    public Builder kafkaProperty(String name, String value) {
      kafkaProperties.put(
          Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Extra Kafka client properties; see {@link #kafkaProperty(String, String)}. */
    public Builder kafkaProperties(Map<String, String> properties) {
      properties.forEach(this::kafkaProperty);
      return this;
    }

    /** The clock deadlines are checked against; the system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The OpenTelemetry SDK that records a span for each handler run, a child of the dispatch's
     * trace context, whose context the attempt's results carry on. By default none: no span is
     * recorded, and results carry the dispatch's trace context unchanged.
     */
    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException naming the first invalid option and what to do about it
     */
    public WorkerOptions build() {
      if (bootstrapServers == null || bootstrapServers.isBlank()) {
        throw new IllegalArgumentException(
            "bootstrapServers is required: set the Kafka brokers to connect to, e.g."
                + " \"localhost:9092\"");
      }
      if (groupId == null || groupId.isBlank()) {
        throw new IllegalArgumentException(
            "groupId is required: set the consumer group that the instances of this kind of"
                + " worker share, e.g. \"shop-workers\"");
      }
      Topics topics;
      try {
        topics = new Topics(Objects.requireNonNull(topicPrefix, "topicPrefix"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            e.getMessage() + "; use the prefix the scheduler uses (tributary.kafka.topic-prefix)",
            e);
      }
      if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
        throw new IllegalArgumentException(
            "concurrency is the number of steps run at once and must be between 1 and "
                + MAX_CONCURRENCY
                + ", was "
                + concurrency
                + "; run more worker instances for more");
      }
      if (shutdownGracePeriod == null || shutdownGracePeriod.isNegative()) {
        throw new IllegalArgumentException(
            "shutdownGracePeriod must be zero or positive, was "
                + shutdownGracePeriod
                + "; use Duration.ZERO to give in-flight steps back at once");
      }
      if (clientId != null && clientId.isBlank()) {
        throw new IllegalArgumentException(
            "clientId must not be blank; leave it unset to let Kafka pick one");
      }
      if (workerId != null && workerId.isBlank()) {
        throw new IllegalArgumentException(
            "workerId must not be blank; leave it unset to use the host name");
      }
      for (String name : kafkaProperties.keySet()) {
        if (RESERVED_KAFKA_PROPERTIES.contains(name)) {
          throw new IllegalArgumentException(
              "Kafka property '"
                  + name
                  + "' is set by the worker and cannot be overridden; remove it (bootstrap"
                  + " servers, group id, client id and concurrency have options of their own)");
        }
      }
      return new WorkerOptions(this, bootstrapServers, groupId, topics);
    }
  }
}
