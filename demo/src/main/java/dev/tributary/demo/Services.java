package dev.tributary.demo;

import dev.tributary.processor.ProcessorApplication;
import dev.tributary.scheduler.SchedulerApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The processor and the scheduler, each its own Spring application in this JVM, as they would run
 * as two deployments: they share nothing but the database and the broker, embedded or external.
 */
final class Services implements AutoCloseable {

  /** The REST API's user, with the operator role. Bound to the loopback interface only. */
  static final String API_USER = "demo";

  static final String API_PASSWORD = "demo";

  /** How often the scheduler looks for retries whose backoff has passed (default 1 s). */
  static final String SWEEP_INTERVAL = "100ms";

  private static final String APPLICATION_YAML = "application.yaml";

  /** The services' consumer groups, as their application.yaml names them. */
  static final String PROCESSOR_GROUP = "tributary-processor";

  static final String SCHEDULER_GROUP = "tributary-scheduler";

  private final PostgresAccess database;
  private final KafkaAccess kafka;
  private final short replicationFactor;
  private final List<ConfigurableApplicationContext> running = new ArrayList<>();
  private int apiPort;

  /**
   * @param replicationFactor replicas of the topics the services create
   */
  Services(PostgresAccess database, KafkaAccess kafka, short replicationFactor) {
    this.database = database;
    this.kafka = kafka;
    this.replicationFactor = replicationFactor;
  }

  /**
   * Starts the processor, which migrates the database, registers the templates on the class path
   * and creates the topics.
   *
   * @param port the REST API's port; 0 for any free port
   */
  void startProcessor(int port) {
    Map<String, String> properties = common(PROCESSOR_GROUP);
    properties.put("server.port", String.valueOf(port));
    properties.put("server.address", "127.0.0.1");
    properties.put("tributary.security.users[0].name", API_USER);
    properties.put("tributary.security.users[0].password", "{noop}" + API_PASSWORD);
    properties.put("tributary.security.users[0].role", "operator");
    ConfigurableApplicationContext processor = start(ProcessorApplication.class, properties);
    apiPort = processor.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
  }

  /** Starts the scheduler; the processor must have migrated the database. */
  void startScheduler() {
    Map<String, String> properties = common(SCHEDULER_GROUP);
    // Nothing to serve: the scheduler's metrics and health endpoints are for Kubernetes.
    properties.put("spring.main.web-application-type", "none");
    properties.put("tributary.scheduler.sweep-interval", SWEEP_INTERVAL);
    start(SchedulerApplication.class, properties);
  }

  /**
   * What both services are started with, {@code group} being the service's consumer group; package
   * private for tests.
   */
  Map<String, String> common(String group) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spring.datasource.url", database.jdbcUrl());
    properties.put("spring.datasource.username", database.user());
    properties.put("spring.datasource.password", database.password());
    properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
    // Every client of the service (consumers, producers, the admin client that creates the
    // topics, the health check's) merges these into its own settings.
    kafka
        .clientProperties()
        .forEach((name, value) -> properties.put("spring.kafka.properties." + name, value));
    properties.put("spring.kafka.consumer.group-id", kafka.groupId(group));
    properties.put("tributary.kafka.topic-prefix", kafka.topicPrefix());
    properties.put("tributary.kafka.partitions", String.valueOf(EmbeddedBroker.PARTITIONS));
    properties.put("tributary.kafka.replication-factor", String.valueOf(replicationFactor));
    properties.put("spring.main.banner-mode", "off");
    properties.put("spring.main.log-startup-info", "false");
    // The demo stops the applications itself, in order: workers, scheduler, processor, broker.
    properties.put("spring.main.register-shutdown-hook", "false");
    properties.put("spring.lifecycle.timeout-per-shutdown-phase", "5s");
    properties.put("spring.datasource.hikari.connection-timeout", "3000");
    // The worker library's auto-configuration is on the class path for the sample workers; the
    // services run no worker.
    properties.put("tributary.worker.enabled", "false");
    return properties;
  }

  private ConfigurableApplicationContext start(Class<?> application, Map<String, String> props) {
    // Both services have an application.yaml at the root of the class path, and with both on one
    // class path "classpath:application.yaml" finds only the first: point each at its own.
    props.put("spring.config.location", ownApplicationYaml(application));
    // As arguments, so that they win over the services' application.yaml. In-process arguments:
    // no other process sees them, secrets included.
    String[] arguments =
        props.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(application).run(arguments);
    running.add(context);
    return context;
  }

  /**
   * The URL of the application.yaml in the same jar (or classes directory) as the application
   * class.
   */
  static String ownApplicationYaml(Class<?> application) {
    String home = application.getProtectionDomain().getCodeSource().getLocation().getPath();
    try {
      for (URL candidate :
          Collections.list(application.getClassLoader().getResources(APPLICATION_YAML))) {
        if (candidate.toString().contains(home)) {
          return candidate.toString();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look for " + APPLICATION_YAML, e);
    }
    throw new IllegalStateException(
        "no " + APPLICATION_YAML + " beside " + application.getName() + " in " + home);
  }

  /** The port the REST API listens on. */
  int apiPort() {
    return apiPort;
  }

  /** Stops what was started, the scheduler before the processor. */
  @Override
  public void close() {
    for (ConfigurableApplicationContext context : running.reversed()) {
      context.close();
    }
    running.clear();
  }
}
