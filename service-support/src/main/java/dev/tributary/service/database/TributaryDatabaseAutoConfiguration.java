package dev.tributary.service.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Applies {@link DatabaseTimeouts} to the services' Hikari pool, and names its sessions after the
 * service and its instance, so that {@code pg_stat_activity} shows which pod holds a lock.
 */
@AutoConfiguration
@ConditionalOnClass(HikariDataSource.class)
@EnableConfigurationProperties(DatabaseTimeouts.class)
public class TributaryDatabaseAutoConfiguration {

  /**
   * Sets the driver's timeouts and the session options on the pool before it opens a connection.
   * Explicit {@code spring.datasource.hikari.data-source-properties} win: they are kept.
   */
  @Bean
  static BeanPostProcessor databaseTimeouts(
      ObjectProvider<DatabaseTimeouts> timeouts, Environment environment) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool) {
          apply(pool, timeouts.getObject());
          setIfAbsent(pool, "ApplicationName", applicationName(environment));
        }
        return bean;
      }
    };
  }

  static void apply(HikariDataSource pool, DatabaseTimeouts timeouts) {
    setIfAbsent(pool, "connectTimeout", String.valueOf(timeouts.connectTimeout().toSeconds()));
    setIfAbsent(pool, "socketTimeout", String.valueOf(timeouts.socketTimeout().toSeconds()));
    setIfAbsent(pool, "tcpKeepAlive", "true");
    setIfAbsent(pool, "options", timeouts.sessionOptions());
    // Server-side preparation after five calls of a statement on a connection (pgjdbc's default,
    // set here so that the choice is visible). Every hot statement has one constant text, so any
    // threshold prepares it once per connection. Preparing at the first call (1) was measured
    // against 5 with ./tributary-bench on 2026-11-26, one run each: 5,224 against 5,862 step
    // transitions/s end to end, PostgreSQL's CPU share 37 % against 34 %. 5 stays until several
    // runs say otherwise.
    setIfAbsent(pool, "prepareThreshold", "5");
  }

  /** E.g. {@code tributary-processor processor-7c9f-x2} (the pod's name as the instance id). */
  static String applicationName(Environment environment) {
    String service = environment.getProperty("spring.application.name", "tributary");
    String instance = environment.getProperty("tributary.kafka.instance-id", "");
    return instance.isBlank() ? service : service + " " + instance;
  }

  private static void setIfAbsent(HikariDataSource pool, String name, String value) {
    if (!pool.getDataSourceProperties().containsKey(name)) {
      pool.addDataSourceProperty(name, value);
    }
  }
}
