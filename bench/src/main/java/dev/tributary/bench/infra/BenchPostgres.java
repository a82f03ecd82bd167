package dev.tributary.bench.infra;

import dev.tributary.store.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server of a benchmark run: the one named by {@value #URL_ENV} when set, otherwise
 * an embedded one (zonky) started with production durability. Unlike the test server (fsync off),
 * every commit here is flushed to disk: {@code fsync}, {@code synchronous_commit} and {@code
 * full_page_writes} are on, as in production.
 */
public final class BenchPostgres implements AutoCloseable {

  public static final String URL_ENV = "TRIBUTARY_BENCH_POSTGRES_URL";
  public static final String USER_ENV = "TRIBUTARY_BENCH_POSTGRES_USER";
  public static final String PASSWORD_ENV = "TRIBUTARY_BENCH_POSTGRES_PASSWORD";

  /** Settings reported with the results: durability first. */
  public static final List<String> REPORTED_SETTINGS =
      List.of(
          "fsync",
          "synchronous_commit",
          "full_page_writes",
          "wal_sync_method",
          "shared_buffers",
          "max_connections");

  private static final Logger log = LoggerFactory.getLogger(BenchPostgres.class);

  private final String urlPrefix;
  private final String username;
  private final String password;
  private final String maintenanceDatabase;
  private final String description;
  private final @Nullable EmbeddedPostgres embedded;

  private BenchPostgres(
      String urlPrefix,
      String username,
      String password,
      String maintenanceDatabase,
      String description,
      @Nullable EmbeddedPostgres embedded) {
    this.urlPrefix = urlPrefix;
    this.username = username;
    this.password = password;
    this.maintenanceDatabase = maintenanceDatabase;
    this.description = description;
    this.embedded = embedded;
  }

  public static BenchPostgres start() {
    String url = Env.get(URL_ENV);
    if (!url.isEmpty()) {
      int slash = url.lastIndexOf('/');
      String user = Env.get(USER_ENV);
      return new BenchPostgres(
          url.substring(0, slash + 1),
          user.isEmpty() ? "postgres" : user,
          Env.get(PASSWORD_ENV),
          url.substring(slash + 1),
          "external PostgreSQL at " + url,
          null);
    }
    try {
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              // zonky turns synchronous_commit off by default; a benchmark must not.
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .setServerConfig("max_connections", "200")
              .setServerConfig("shared_buffers", "512MB")
              .setPGStartupWait(Duration.ofSeconds(60))
              .start();
      log.info("Benchmarks use an embedded PostgreSQL on port {}", postgres.getPort());
      return new BenchPostgres(
          "jdbc:postgresql://localhost:" + postgres.getPort() + "/",
          "postgres",
          "",
          "postgres",
          "embedded PostgreSQL (zonky) on this machine",
          postgres);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start an embedded PostgreSQL", e);
    }
  }

  /** The server's port, from its URL; -1 when the URL names none. */
  public int port() {
    java.util.regex.Matcher port = java.util.regex.Pattern.compile(":(\\d+)/$").matcher(urlPrefix);
    return port.find() ? Integer.parseInt(port.group(1)) : -1;
  }

  /** Where the server comes from, for the report. */
  public String description() {
    return description;
  }

  /** A new, migrated, empty database; an existing one of the same name is dropped first. */
  public BenchDatabase newDatabase(String scenario) {
    String name = "tributary_bench_" + scenario;
    drop(name);
    execute("CREATE DATABASE " + name);
    BenchDatabase database = new BenchDatabase(name, urlPrefix + name, username, password);
    Flyway.configure()
        .dataSource(database.jdbcUrl(), username, password)
        .placeholders(Migrations.defaultPlaceholders())
        .load()
        .migrate();
    return database;
  }

  /** Drops a scenario's database, ending its sessions; a failure is logged, not thrown. */
  public void drop(BenchDatabase database) {
    try {
      drop(database.name());
    } catch (RuntimeException e) {
      log.warn("Could not drop {}; it stays on the server: {}", database.name(), e.toString());
    }
  }

  private void drop(String name) {
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  /** The server's version and the settings in {@link #REPORTED_SETTINGS}, as it reports them. */
  public Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    try (Connection connection = adminConnection();
        Statement statement = connection.createStatement()) {
      settings.put("server_version", show(statement, "server_version"));
      for (String setting : REPORTED_SETTINGS) {
        settings.put(setting, show(statement, setting));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the settings of " + description, e);
    }
    return settings;
  }

  private static String show(Statement statement, String setting) throws SQLException {
    try (ResultSet result = statement.executeQuery("SHOW " + setting)) {
      result.next();
      return result.getString(1);
    }
  }

  private Connection adminConnection() throws SQLException {
    return DriverManager.getConnection(urlPrefix + maintenanceDatabase, username, password);
  }

  private void execute(String sql) {
    try (Connection connection = adminConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run '" + sql + "' on " + description, e);
    }
  }

  @Override
  public void close() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        log.warn("The embedded PostgreSQL did not stop cleanly: {}", e.toString());
      }
    }
  }
}
