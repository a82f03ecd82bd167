package dev.tributary.worker.internal.spring;

import dev.tributary.worker.WorkerOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * Runs a Tributary worker for the application's {@link dev.tributary.worker.TributaryHandler}
 * methods, configured by the {@code tributary.worker.*} properties ({@link WorkerProperties}).
 * Define a {@link WorkerOptions} bean to configure it in code instead; set {@code
 * tributary.worker.enabled=false} to turn it off. With Micrometer present, its counters are
 * exported as meters ({@link WorkerMeters}).
 */
@AutoConfiguration
@ConditionalOnProperty(
    prefix = WorkerProperties.PREFIX,
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(WorkerProperties.class)
public class TributaryWorkerAutoConfiguration {

  /** Static: a bean post-processor must exist before the beans it looks at. */
  @Bean
  static HandlerMethods tributaryHandlerMethods() {
    return new HandlerMethods();
  }

  /** Lazy: built, and validated, only when there are handlers to run. */
  @Bean
  @Lazy
  @ConditionalOnMissingBean
  WorkerOptions tributaryWorkerOptions(
      WorkerProperties properties,
      Environment environment,
      ObjectProvider<OpenTelemetry> openTelemetry) {
    Binder binder = Binder.get(environment);
    WorkerOptions.Builder options = WorkerOptions.builder();
    // The application's SDK (Spring Boot's OpenTelemetry support makes one): handler spans.
    openTelemetry.ifUnique(options::openTelemetry);
    List<String> bootstrapServers =
        properties.bootstrapServers() != null
            ? properties.bootstrapServers()
            : binder
                .bind("spring.kafka.bootstrap-servers", Bindable.listOf(String.class))
                .orElse(List.of());
    if (!bootstrapServers.isEmpty()) {
      options.bootstrapServers(String.join(",", bootstrapServers));
    }
    String groupId =
        properties.groupId() != null
            ? properties.groupId()
            : environment.getProperty("spring.kafka.consumer.group-id");
    if (groupId != null) {
      options.groupId(groupId);
    }
    String topicPrefix =
        properties.topicPrefix() != null
            ? properties.topicPrefix()
            : environment.getProperty("tributary.kafka.topic-prefix");
    if (topicPrefix != null) {
      options.topicPrefix(topicPrefix);
    }
    if (properties.concurrency() != null) {
      options.concurrency(properties.concurrency());
    }
    if (properties.shutdownGracePeriod() != null) {
      options.shutdownGracePeriod(properties.shutdownGracePeriod());
    }
    if (properties.clientId() != null) {
      options.clientId(properties.clientId());
    }
    if (properties.workerId() != null) {
      options.workerId(properties.workerId());
    }
    if (properties.kafka() != null) {
      options.kafkaProperties(properties.kafka());
    }
    try {
      return options.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "Invalid Tributary worker configuration (properties "
              + WorkerProperties.PREFIX
              + ".*): "
              + e.getMessage(),
          e);
    }
  }

  @Bean
  WorkerLifecycle tributaryWorkerLifecycle(
      HandlerMethods handlerMethods, ObjectProvider<WorkerOptions> options) {
    return new WorkerLifecycle(handlerMethods, options);
  }

  /** Only with Micrometer on the classpath, which the worker library does not require. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  static class Metrics {

    @Bean
    SmartInitializingSingleton tributaryWorkerMeters(
        WorkerLifecycle lifecycle, ObjectProvider<MeterRegistry> registries) {
      return () -> {
        MeterRegistry registry = registries.getIfUnique();
        if (registry != null) {
          new WorkerMeters(lifecycle).bindTo(registry);
          lifecycle.decorateHandlers(
              (namespace, name, handler) -> WorkerMeters.timed(registry, namespace, name, handler));
        }
      };
    }
  }
}
