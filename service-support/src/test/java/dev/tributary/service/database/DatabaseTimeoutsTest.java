package dev.tributary.service.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DatabaseTimeoutsTest {

  private static final DatabaseTimeouts DEFAULTS =
      new DatabaseTimeouts(
          Duration.ofSeconds(5),
          Duration.ofSeconds(90),
          Duration.ofSeconds(30),
          Duration.ofSeconds(10),
          Duration.ofSeconds(60),
          Duration.ofSeconds(30));

  @Test
  void the_pool_gets_the_driver_timeouts_and_the_session_settings() {
    try (HikariDataSource pool = new HikariDataSource()) {
      TributaryDatabaseAutoConfiguration.apply(pool, DEFAULTS);

      assertThat(pool.getDataSourceProperties())
          .containsEntry("connectTimeout", "5")
          .containsEntry("socketTimeout", "90")
          .containsEntry("tcpKeepAlive", "true")
          .containsEntry("prepareThreshold", "5")
          .containsEntry(
              "options",
              "-c statement_timeout=30000 -c lock_timeout=10000"
                  + " -c idle_in_transaction_session_timeout=60000 -c tcp_keepalives_idle=30"
                  + " -c tcp_keepalives_interval=10 -c tcp_keepalives_count=3");
    }
  }

  @Test
  void settings_given_explicitly_to_the_pool_are_kept() {
    try (HikariDataSource pool = new HikariDataSource()) {
      pool.addDataSourceProperty("socketTimeout", "600");

      TributaryDatabaseAutoConfiguration.apply(pool, DEFAULTS);

      assertThat(pool.getDataSourceProperties()).containsEntry("socketTimeout", "600");
    }
  }

  @Test
  void sessions_are_named_after_the_service_and_its_instance() {
    MockEnvironment environment =
        new MockEnvironment().withProperty("spring.application.name", "tributary-processor");

    assertThat(TributaryDatabaseAutoConfiguration.applicationName(environment))
        .isEqualTo("tributary-processor");
    assertThat(
            TributaryDatabaseAutoConfiguration.applicationName(
                environment.withProperty("tributary.kafka.instance-id", "processor-0")))
        .isEqualTo("tributary-processor processor-0");
  }

  @Test
  void a_socket_timeout_that_would_cut_a_statement_short_is_refused() {
    assertThatThrownBy(
            () ->
                new DatabaseTimeouts(
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(30)))
        .hasMessageContaining("must be longer than tributary.database.statement-timeout");
  }
}
