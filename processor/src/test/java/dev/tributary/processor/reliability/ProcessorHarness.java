package dev.tributary.processor.reliability;

import dev.tributary.processor.ProcessorApplication;
import dev.tributary.testkit.KafkaServer;
import dev.tributary.testkit.MutableClock;
import dev.tributary.testkit.TestEnvironment;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A processor application started by hand on a test environment of its own, for test engines that
 * Spring's test support does not drive (jqwik). Its Kafka listeners stay off: the test hands
 * results to the {@code ResultProcessor} bean itself. Scheduling signals and task events still go
 * to the test broker.
 */
final class ProcessorHarness implements AutoCloseable {

  private final TestEnvironment environment;
  private final ConfigurableApplicationContext context;

  ProcessorHarness(TestEnvironment environment, MutableClock clock, String... properties) {
    this.environment = environment;
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("spring.datasource.url", environment.database().jdbcUrl());
    defaults.put("spring.datasource.username", environment.database().username());
    defaults.put("spring.datasource.password", environment.database().password());
    defaults.put("spring.kafka.bootstrap-servers", environment.bootstrapServers());
    defaults.put("tributary.kafka.topic-prefix", environment.topics().prefix());
    defaults.put("tributary.kafka.partitions", String.valueOf(KafkaServer.PARTITIONS));
    defaults.put("tributary.processor.listen", "false");
    defaults.put("server.port", "0");
    defaults.put("tributary.security.users[0].name", "harness");
    defaults.put("tributary.security.users[0].password", "{noop}harness-password");
    defaults.put("tributary.security.users[0].role", "operator");
    defaults.put("spring.main.banner-mode", "off");
    List<String> arguments = new ArrayList<>();
    defaults.forEach((key, value) -> arguments.add("--" + key + "=" + value));
    arguments.addAll(List.of(properties));
    this.context =
        new SpringApplicationBuilder(ProcessorApplication.class)
            .initializers(ctx -> ctx.getBeanFactory().registerSingleton("clock", (Clock) clock))
            .run(arguments.toArray(String[]::new));
  }

  TestEnvironment environment() {
    return environment;
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    context.close();
  }
}
