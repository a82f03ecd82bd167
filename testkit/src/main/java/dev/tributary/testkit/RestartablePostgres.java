package dev.tributary.testkit;

import dev.tributary.store.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/**
 * A PostgreSQL server of its own, for tests that stop and restart it. Restarting keeps its data and
 * port, like restarting a real server.
 */
public final class RestartablePostgres implements AutoCloseable {

  private final Path dataDirectory;
  private final int port;
  private EmbeddedPostgres server;

  public RestartablePostgres() {
    try {
      dataDirectory = Files.createTempDirectory("tributary-pg-");
      server = start(dataDirectory, 0);
      port = server.getPort();
      Flyway.configure()
          .dataSource(server.getPostgresDatabase())
          .placeholders(Migrations.defaultPlaceholders())
          .load()
          .migrate();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static EmbeddedPostgres start(Path dataDirectory, int port) throws IOException {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setServerConfig("fsync", "off")
            .setServerConfig("max_connections", "200");
    if (port != 0) {
      builder.setPort(port);
    }
    return builder.start();
  }

  /** The database (already migrated) and its credentials. */
  public TestDatabase database() {
    return new TestDatabase(
        "postgres", "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
  }

  /** Stops the server; connections fail until {@link #start()}. */
  public void stop() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the stopped server again on the same data and port. */
  public void start() {
    try {
      server = start(dataDirectory, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
