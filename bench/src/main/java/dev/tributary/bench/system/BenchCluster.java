package dev.tributary.bench.system;

import dev.tributary.bench.infra.BenchDatabase;
import dev.tributary.contracts.Topics;
import dev.tributary.processor.ProcessorApplication;
import dev.tributary.scheduler.SchedulerApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Processors and schedulers in this JVM, each its own Spring application with the configuration it
 * ships with (application.yaml), pointed at one scenario's database, broker and topic prefix. Each
 * gets a {@link StatementTally}. Properties are passed as command-line arguments so that they win
 * over application.yaml.
 */
public final class BenchCluster implements AutoCloseable {

  /** A running service. */
  public record App(String name, ConfigurableApplicationContext context, StatementTally tally) {}

  private final BenchDatabase database;
  private final String bootstrapServers;
  private final Topics topics;
  private final int partitions;
  private final List<App> running = new ArrayList<>();

  public BenchCluster(
      BenchDatabase database, String bootstrapServers, Topics topics, int partitions) {
    this.database = database;
    this.bootstrapServers = bootstrapServers;
    this.topics = topics;
    this.partitions = partitions;
  }

  public App startProcessor(String name, String... properties) {
    return start(name, ProcessorApplication.class, "processor", properties);
  }

  public App startScheduler(String name, String... properties) {
    return start(name, SchedulerApplication.class, "scheduler", properties);
  }

  private App start(String name, Class<?> application, String group, String... properties) {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("spring.datasource.url", database.jdbcUrl());
    defaults.put("spring.datasource.username", database.username());
    defaults.put("spring.datasource.password", database.password());
    // The benchmark migrated the database itself.
    defaults.put("spring.flyway.enabled", "false");
    defaults.put("spring.kafka.bootstrap-servers", bootstrapServers);
    defaults.put("spring.kafka.consumer.group-id", topics.prefix() + group);
    defaults.put("tributary.kafka.topic-prefix", topics.prefix());
    defaults.put("tributary.kafka.partitions", String.valueOf(partitions));
    defaults.put("server.port", "0");
    defaults.put("tributary.security.users[0].name", "bench");
    defaults.put("tributary.security.users[0].password", "{noop}bench");
    defaults.put("tributary.security.users[0].role", "operator");
    defaults.put("spring.main.banner-mode", "off");
    List<String> arguments = new ArrayList<>();
    defaults.forEach((key, value) -> arguments.add("--" + key + "=" + value));
    for (String property : properties) {
      arguments.add("--" + property);
    }
    StatementTally tally = new StatementTally();
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(application)
            .initializers(
                ctx ->
                    // A bean definition, not a singleton: jOOQ's auto-configuration collects
                    // listener providers through an ObjectProvider, which sees only definitions.
                    ((GenericApplicationContext) ctx)
                        .registerBean(
                            "benchStatementTally",
                            ExecuteListenerProvider.class,
                            () -> new DefaultExecuteListenerProvider(tally)))
            .run(arguments.toArray(String[]::new));
    App app = new App(name, context, tally);
    running.add(app);
    return app;
  }

  public List<App> apps() {
    return List.copyOf(running);
  }

  /** Statements of every service so far. */
  public long statements() {
    return running.stream().mapToLong(app -> app.tally().total()).sum();
  }

  /** Statements by service and kind of thread, e.g. {@code processor-1 step-results}. */
  public Map<String, Long> statementsByThread() {
    Map<String, Long> counts = new TreeMap<>();
    for (App app : running) {
      app.tally().byThread().forEach((kind, count) -> counts.put(app.name() + " " + kind, count));
    }
    return counts;
  }

  public void resetStatements() {
    running.forEach(app -> app.tally().reset());
  }

  @Override
  public void close() {
    for (App app : running.reversed()) {
      app.context().close();
    }
    running.clear();
  }
}
