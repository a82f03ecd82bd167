package dev.tributary.service.health;

import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The {@code kafka} health indicator, on unless {@code management.health.kafka.enabled=false}. The
 * services put it in the readiness group only (see their application.yaml).
 */
@AutoConfiguration
@ConditionalOnClass(HealthIndicator.class)
@EnableConfigurationProperties(KafkaHealthProperties.class)
public class TributaryHealthAutoConfiguration {

  @Bean
  @ConditionalOnEnabledHealthIndicator("kafka")
  KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, KafkaHealthProperties health) {
    return new KafkaHealthIndicator(
        () ->
            Admin.create(
                KafkaHealthIndicator.adminConfig(
                    kafkaAdmin.getConfigurationProperties(), health.timeout())),
        health,
        System::nanoTime);
  }
}
