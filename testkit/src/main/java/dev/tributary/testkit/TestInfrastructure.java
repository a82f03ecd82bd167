package dev.tributary.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/** The PostgreSQL server and Kafka broker of this test JVM, each started once, on first use. */
public final class TestInfrastructure {

  private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

  private TestInfrastructure() {}

  /** The PostgreSQL server; see the package documentation for which one. */
  public static PostgresServer postgres() {
    return PostgresHolder.SERVER;
  }

  /** The Kafka broker; see the package documentation for which one. */
  public static KafkaServer kafka() {
    return KafkaHolder.SERVER;
  }

  static String env(String name) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? "" : value;
  }

  static boolean dockerAvailable() {
    if ("false".equalsIgnoreCase(env("TRIBUTARY_TEST_DOCKER"))) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      log.debug("No Docker engine: {}", e.toString());
      return false;
    }
  }

  // Holder classes: each server starts when first asked for, once, thread-safely.
  private static final class PostgresHolder {
    static final PostgresServer SERVER = PostgresServer.start();
  }

  private static final class KafkaHolder {
    static final KafkaServer SERVER = KafkaServer.start();
  }
}
