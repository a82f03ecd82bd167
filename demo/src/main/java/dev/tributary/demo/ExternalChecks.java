package dev.tributary.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Reaches an external PostgreSQL or Kafka once before the services start, so that a wrong address,
 * user or client setting fails the demo in seconds with what was tried, rather than in the middle
 * of a service's start-up.
 */
final class ExternalChecks {

  /** How long Kafka gets to answer. */
  static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

  private ExternalChecks() {}

  /**
   * Connects once.
   *
   * @throws IllegalStateException with the URL (password hidden), the user and the driver's reason
   */
  static void connect(PostgresAccess postgres) {
    try (Connection connection = postgres.dataSource().getConnection()) {
      connection.isValid(5);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot connect to PostgreSQL at "
              + postgres.shownUrl()
              + " as "
              + postgres.user()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Asks the cluster for its brokers.
   *
   * @return how many there are
   * @throws IllegalStateException with the bootstrap servers and the client's reason
   */
  static int brokers(KafkaAccess kafka) {
    Map<String, Object> config = kafka.clientConfig();
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "demo-check");
    // The file's settings may lengthen these, not the other way round.
    config.putIfAbsent(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.putIfAbsent(
        CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis());
    try (Admin admin = Admin.create(config)) {
      return admin
          .describeCluster()
          .nodes()
          .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .size();
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot reach Kafka at " + kafka.bootstrapServers() + ": " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "no answer from Kafka at "
              + kafka.bootstrapServers()
              + " in "
              + KAFKA_TIMEOUT.toSeconds()
              + " s",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking Kafka for its brokers", e);
    }
  }
}
