package dev.tributary.testkit;

import static dev.tributary.testkit.TestInfrastructure.env;

import dev.tributary.store.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One PostgreSQL server for the test JVM. Hands out fresh databases cloned from a template that was
 * migrated once, which takes milliseconds instead of a migration per test.
 */
public final class PostgresServer {

  private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
  private static final String TEMPLATE = "tributary_template_" + ProcessHandle.current().pid();
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final String urlPrefix;
  private final String username;
  private final String password;
  private final String maintenanceDatabase;
  private final String description;

  private PostgresServer(
      String urlPrefix,
      String username,
      String password,
      String maintenanceDatabase,
      String description) {
    this.urlPrefix = urlPrefix;
    this.username = username;
    this.password = password;
    this.maintenanceDatabase = maintenanceDatabase;
    this.description = description;
  }

  static PostgresServer start() {
    PostgresServer server = connect();
    log.info("Integration tests use {}", server.description);
    server.createTemplate();
    return server;
  }

  private static PostgresServer connect() {
    String url = env("TRIBUTARY_TEST_POSTGRES_URL");
    if (!url.isEmpty()) {
      int slash = url.lastIndexOf('/');
      return new PostgresServer(
          url.substring(0, slash + 1),
          env("TRIBUTARY_TEST_POSTGRES_USER").isEmpty()
              ? "postgres"
              : env("TRIBUTARY_TEST_POSTGRES_USER"),
          env("TRIBUTARY_TEST_POSTGRES_PASSWORD"),
          url.substring(slash + 1),
          "external PostgreSQL at " + url);
    }
    if (TestInfrastructure.dockerAvailable()) {
      PostgreSQLContainer container = new PostgreSQLContainer("postgres:18");
      container.start();
      String jdbcUrl = container.getJdbcUrl();
      return new PostgresServer(
          jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/') + 1),
          container.getUsername(),
          container.getPassword(),
          container.getDatabaseName(),
          "PostgreSQL in a Testcontainers container");
    }
    return embedded();
  }

  private static PostgresServer embedded() {
    try {
      // Durability settings off: a test database is thrown away, and fsync is most of the cost
      // of a commit on a shared CI disk. Benchmarks start their own server with defaults.
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .setServerConfig("max_connections", "400")
              .start();
      return new PostgresServer(
          "jdbc:postgresql://localhost:" + postgres.getPort() + "/",
          "postgres",
          "",
          "postgres",
          "embedded PostgreSQL on port " + postgres.getPort());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start an embedded PostgreSQL", e);
    }
  }

  private void createTemplate() {
    execute("DROP DATABASE IF EXISTS " + TEMPLATE);
    execute("CREATE DATABASE " + TEMPLATE);
    Flyway.configure()
        .dataSource(dataSource(TEMPLATE))
        .placeholders(Migrations.defaultPlaceholders())
        .load()
        .migrate();
  }

  /** A new, migrated, empty database of its own. */
  public TestDatabase newDatabase() {
    String name =
        "tributary_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
    return new TestDatabase(name, urlPrefix + name, username, password);
  }

  /** Connections to the maintenance database, e.g. to terminate sessions in fault tests. */
  public Connection adminConnection() throws SQLException {
    return DriverManager.getConnection(urlPrefix + maintenanceDatabase, username, password);
  }

  PGSimpleDataSource dataSource(String database) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(urlPrefix + database);
    dataSource.setUser(username);
    dataSource.setPassword(password);
    return dataSource;
  }

  private void execute(String sql) {
    try (Connection connection = adminConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run '" + sql + "' on " + description, e);
    }
  }
}
