package dev.tributary.service;

import dev.tributary.contracts.Topics;
import dev.tributary.service.deadletter.DeadLetters;
import dev.tributary.service.kafka.KafkaMembership;
import dev.tributary.service.kafka.KafkaTopicsProperties;
import dev.tributary.service.kafka.TopicProvisioner;
import dev.tributary.service.tracing.MessageTracing;
import dev.tributary.store.metrics.StatementCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** Beans both services need; each service adds its own on top. */
@AutoConfiguration
@EnableConfigurationProperties({KafkaTopicsProperties.class, KafkaMembership.class})
public class TributaryServiceAutoConfiguration {

  private static final Logger log =
      LoggerFactory.getLogger(TributaryServiceAutoConfiguration.class);

  /** Retries of a poll that failed transiently start here... */
  static final long RETRY_INITIAL_INTERVAL_MS = 200;

  /** ...and back off up to this, for as long as the outage lasts. */
  static final long RETRY_MAX_INTERVAL_MS = 10_000;

  @Bean
  Topics topics(KafkaTopicsProperties properties) {
    return new Topics(properties.topicPrefix());
  }

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** A no-op tracer when tracing is off ({@code management.tracing.enabled=false}). */
  @Bean
  MessageTracing messageTracing(
      ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
    return new MessageTracing(
        tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
  }

  @Bean
  ExecuteListenerProvider statementCounter() {
    return new DefaultExecuteListenerProvider(new StatementCounter());
  }

  @Bean
  TopicProvisioner topicProvisioner(KafkaAdmin admin, KafkaTopicsProperties properties) {
    return new TopicProvisioner(admin, properties);
  }

  @Bean
  DeadLetters deadLetters(
      KafkaTemplate<String, byte[]> kafka,
      Topics topics,
      @Value("${spring.application.name:tributary}") String service,
      MeterRegistry meters) {
    return new DeadLetters(kafka, topics, service, meters);
  }

  /**
   * Static membership when the instance has a stable name: each listener's consumer is the member
   * {@code <instance id>-<listener id>} (Spring Kafka adds {@code -n} per consumer thread), so a
   * restarted instance rejoins in its old place without a rebalance.
   */
  @Bean
  ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>>
      staticMembership(KafkaMembership membership) {
    return container -> {
      String instanceId = membership.instanceId();
      if (instanceId != null && !instanceId.isBlank()) {
        container
            .getContainerProperties()
            .getKafkaConsumerProperties()
            .setProperty(
                ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                instanceId + "-" + container.getListenerId());
      }
    };
  }

  /**
   * Listeners dead-letter bad records themselves and rethrow only transient failures (database or
   * broker unavailable), so whatever reaches the container's error handler is retried, whole poll
   * and with backoff, until it succeeds: an outage delays records but never dead-letters them.
   */
  @Bean
  CommonErrorHandler kafkaErrorHandler() {
    ExponentialBackOff backOff = new ExponentialBackOff(RETRY_INITIAL_INTERVAL_MS, 2.0);
    backOff.setMaxInterval(RETRY_MAX_INTERVAL_MS);
    DefaultErrorHandler handler =
        new DefaultErrorHandler(
            (record, failure) ->
                log.error(
                    "Giving up on record {}-{}@{} after retries; this indicates a bug",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    failure),
            backOff);
    handler.setLogLevel(org.springframework.kafka.KafkaException.Level.WARN);
    return handler;
  }
}
