package dev.tributary.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL server of the demo's own (zonky's embedded binaries, unpacked from the class path),
 * with a {@value #DATABASE} database the processor migrates. Its data lives in a temporary
 * directory and is gone when the demo stops.
 */
final class EmbeddedDatabase implements AutoCloseable {

  static final String DATABASE = "tributary";
  static final String USER = "postgres";

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static EmbeddedDatabase start() {
    try {
      // Durability off: the data is thrown away when the demo stops, and fsync is most of the
      // cost of a commit.
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              // The demo stops the database itself, after the services that use it; zonky's own
              // shutdown hook would stop it under their feet on Ctrl-C.
              .setRegisterShutdownHook(false)
              .start();
      try (Connection connection = postgres.getPostgresDatabase().getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE DATABASE " + DATABASE);
      }
      return new EmbeddedDatabase(postgres);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the demo's database", e);
    }
  }

  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
  }

  /** How to reach the demo's database: as {@value #USER}, who needs no password here. */
  PostgresAccess access() {
    return new PostgresAccess(jdbcUrl(), USER, "");
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
