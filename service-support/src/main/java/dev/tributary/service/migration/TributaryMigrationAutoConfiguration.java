package dev.tributary.service.migration;

import dev.tributary.store.Migrations;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Gives Spring Boot's Flyway the placeholders the migrations need: the runtime role from {@code
 * tributary.migration.runtime-role}, unless {@code spring.flyway.placeholders} names it already.
 */
@AutoConfiguration
@ConditionalOnClass({Flyway.class, FlywayConfigurationCustomizer.class})
@EnableConfigurationProperties(MigrationProperties.class)
public class TributaryMigrationAutoConfiguration {

  @Bean
  FlywayConfigurationCustomizer tributaryMigrationPlaceholders(MigrationProperties properties) {
    return configuration -> {
      Map<String, String> placeholders = new HashMap<>(configuration.getPlaceholders());
      placeholders.putIfAbsent(Migrations.RUNTIME_ROLE_PLACEHOLDER, properties.runtimeRole());
      configuration.placeholders(placeholders);
    };
  }
}
