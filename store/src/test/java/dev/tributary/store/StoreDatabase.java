package dev.tributary.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A freshly migrated database for the store's own tests: on the PostgreSQL that {@code
 * TRIBUTARY_TEST_POSTGRES_URL} names (user and password from {@code TRIBUTARY_TEST_POSTGRES_USER}
 * and {@code _PASSWORD}), otherwise on an embedded one started once per test JVM. (The testkit's
 * fixture depends on this module, so the store cannot use it.)
 */
public final class StoreDatabase {

  private static final Server SERVER = Server.start();

  private StoreDatabase() {}

  /**
   * A new database, migrated, and a jOOQ context on one connection to it, open until the JVM ends.
   */
  public static DSLContext create() {
    String name = "store_test_" + UUID.randomUUID().toString().replace("-", "");
    SERVER.execute("CREATE DATABASE " + name);
    PGSimpleDataSource dataSource = SERVER.dataSource(name);
    Flyway.configure()
        .dataSource(dataSource)
        .placeholders(Migrations.defaultPlaceholders())
        .load()
        .migrate();
    try {
      return DSL.using(dataSource.getConnection(), SQLDialect.POSTGRES);
    } catch (SQLException e) {
      throw new IllegalStateException("could not connect to " + name, e);
    }
  }

  private record Server(String urlPrefix, String maintenance, String user, String password) {

    static Server start() {
      String url = System.getenv("TRIBUTARY_TEST_POSTGRES_URL");
      if (url != null && !url.isBlank()) {
        int slash = url.lastIndexOf('/');
        String user = System.getenv("TRIBUTARY_TEST_POSTGRES_USER");
        String password = System.getenv("TRIBUTARY_TEST_POSTGRES_PASSWORD");
        return new Server(
            url.substring(0, slash + 1),
            url.substring(slash + 1),
            user == null || user.isBlank() ? "postgres" : user,
            password == null ? "" : password);
      }
      try {
        EmbeddedPostgres postgres =
            EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres)));
        return new Server(
            "jdbc:postgresql://localhost:" + postgres.getPort() + "/", "postgres", "postgres", "");
      } catch (IOException e) {
        throw new UncheckedIOException("could not start an embedded PostgreSQL", e);
      }
    }

    PGSimpleDataSource dataSource(String database) {
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setUrl(urlPrefix + database);
      dataSource.setUser(user);
      dataSource.setPassword(password);
      return dataSource;
    }

    void execute(String sql) {
      try (Connection connection =
              DriverManager.getConnection(urlPrefix + maintenance, user, password);
          Statement statement = connection.createStatement()) {
        statement.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException("could not run " + sql, e);
      }
    }

    private static void close(EmbeddedPostgres postgres) {
      try {
        postgres.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
