package dev.tributary.e2e;

import dev.tributary.processor.ProcessorApplication;
import dev.tributary.scheduler.SchedulerApplication;
import dev.tributary.testkit.KafkaServer;
import dev.tributary.testkit.TestEnvironment;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Processors and schedulers in this JVM, each its own Spring application, all on one test
 * environment (database, broker, topic prefix) and one clock (one the test moves, or real time).
 */
final class Cluster implements AutoCloseable {

  /** The processors' API user. */
  static final String USER = "e2e";

  static final String PASSWORD = "e2e-secret";

  private final TestEnvironment environment;
  private final Clock clock;
  private final List<ConfigurableApplicationContext> running = new ArrayList<>();

  Cluster(TestEnvironment environment, Clock clock) {
    this.environment = environment;
    this.clock = clock;
  }

  ConfigurableApplicationContext startProcessor(String... properties) {
    return start(ProcessorApplication.class, List.of(), properties);
  }

  /** A processor with extra beans, e.g. a fault injector. */
  ConfigurableApplicationContext startProcessor(Map<String, Object> beans, String... properties) {
    return start(ProcessorApplication.class, List.copyOf(beans.entrySet()), properties);
  }

  /** Stops one application, as if its process ended. */
  void stop(ConfigurableApplicationContext context) {
    context.close();
    running.remove(context);
  }

  ConfigurableApplicationContext startScheduler(String... properties) {
    return startScheduler(Map.of(), properties);
  }

  /** A scheduler with extra beans, e.g. a statement listener. */
  ConfigurableApplicationContext startScheduler(Map<String, Object> beans, String... properties) {
    return start(
        SchedulerApplication.class,
        List.copyOf(beans.entrySet()),
        concat(properties, "tributary.scheduler.sweep-interval=100ms"));
  }

  private ConfigurableApplicationContext start(
      Class<?> application, List<Map.Entry<String, Object>> beans, String... properties) {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("spring.datasource.url", environment.database().jdbcUrl());
    defaults.put("spring.datasource.username", environment.database().username());
    defaults.put("spring.datasource.password", environment.database().password());
    defaults.put("spring.kafka.bootstrap-servers", environment.bootstrapServers());
    defaults.put("tributary.kafka.topic-prefix", environment.topics().prefix());
    defaults.put("tributary.kafka.partitions", String.valueOf(KafkaServer.PARTITIONS));
    defaults.put("tributary.events.poll-interval", "200ms");
    defaults.put("server.port", "0");
    defaults.put("tributary.security.users[0].name", USER);
    defaults.put("tributary.security.users[0].password", "{noop}" + PASSWORD);
    defaults.put("tributary.security.users[0].role", "operator");
    defaults.put("spring.main.banner-mode", "off");
    // As arguments, so that they win over the services' application.yaml.
    List<String> arguments = new ArrayList<>();
    defaults.forEach((key, value) -> arguments.add("--" + key + "=" + value));
    arguments.addAll(List.of(properties));
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(application)
            .initializers(
                ctx -> {
                  ctx.getBeanFactory().registerSingleton("clock", clock);
                  // Bean definitions, not singletons: auto-configurations that collect beans of a
                  // type through an ObjectProvider do not see manually registered singletons.
                  beans.forEach(bean -> register((GenericApplicationContext) ctx, bean));
                })
            .run(arguments.toArray(String[]::new));
    running.add(context);
    return context;
  }

  @SuppressWarnings("unchecked")
  private static <T> void register(
      GenericApplicationContext context, Map.Entry<String, Object> bean) {
    T instance = (T) bean.getValue();
    context.registerBean(bean.getKey(), (Class<T>) instance.getClass(), () -> instance);
  }

  private static String[] concat(String[] given, String extra) {
    String[] all = java.util.Arrays.copyOf(given, given.length + 1);
    all[given.length] = "--" + extra;
    return all;
  }

  @Override
  public void close() {
    for (ConfigurableApplicationContext context : running.reversed()) {
      context.close();
    }
    running.clear();
  }
}
