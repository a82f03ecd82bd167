package dev.tributary.testkit.process;

import static org.awaitility.Awaitility.await;

import dev.tributary.store.Migrations;
import dev.tributary.testkit.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;

/**
 * A PostgreSQL server as an operating-system process of its own (the {@code postgres} postmaster, a
 * child of the test JVM), with its data and port kept across restarts, and the faults a chaos test
 * injects into a database from outside:
 *
 * <ul>
 *   <li>{@link #kill()}: SIGKILL to the postmaster (its pid read from {@code postmaster.pid}, as an
 *       operator would); its backends notice their postmaster's death and exit. {@link #start()}
 *       then runs PostgreSQL's crash recovery (redo from the last checkpoint), as after a crash;
 *   <li>{@link #readOnly(boolean)}: every transaction read-only from now on, a write fails with
 *       SQLSTATE 25006 ({@code read_only_sql_transaction}), as on a standby after a failover;
 *   <li>{@link #terminateConnections()}: every client session ended (SQLSTATE 57P01 to clients);
 *   <li>{@link #stallBackendHoldingLock}: a session that holds row locks and does nothing.
 * </ul>
 *
 * <p>Durability: {@code fsync} is off (the tests simulate crashes of processes, never of the
 * machine, and what a killed process wrote is in the kernel's page cache), but {@code
 * synchronous_commit} stays on: a commit is acknowledged only once its WAL was written, so a
 * SIGKILL right after loses no acknowledged commit, as on a real server. (With {@code
 * synchronous_commit = off} the WAL of the last few hundred milliseconds lives in shared memory and
 * dies with the postmaster, and a chaos test would report lost commits that production never
 * loses.)
 *
 * <p>It listens on 127.0.0.1 only, without Unix sockets, and trusts every local connection as the
 * superuser {@value #USER}. Close it to kill it and delete its data.
 */
public final class PostgresProcess implements AutoCloseable {

  /** The superuser, trusted without a password. */
  public static final String USER = "postgres";

  /** The database every server has. */
  public static final String DATABASE = "postgres";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Scratch scratch;
  private final Path data;
  private final int port;
  private final ChildProcess server;
  private Set<ProcessHandle> orphans = Set.of();

  private PostgresProcess(Scratch scratch, int port) {
    this.scratch = scratch;
    this.data = scratch.directory().resolve("data");
    this.port = port;
    this.server = new ChildProcess("postgres", scratch.logFile("postgres"));
  }

  /** Initialises a new data directory (initdb) and starts a server on it, on a free port. */
  public static PostgresProcess create() {
    PostgresProcess postgres = new PostgresProcess(Scratch.create("postgres"), FreePort.next());
    try {
      postgres.initdb();
      postgres.start();
      return postgres;
    } catch (RuntimeException e) {
      postgres.close();
      throw e;
    }
  }

  private void initdb() {
    ChildProcess initdb = new ChildProcess("initdb", server.logFile());
    initdb.start(
        PostgresBinaries.command(
            "initdb",
            List.of("-A", "trust", "-U", USER, "-D", data.toString(), "-E", "UTF-8", "--no-sync")),
        Map.of("LC_ALL", "C.UTF-8"),
        scratch.directory());
    int exit = initdb.awaitExit(Duration.ofMinutes(2));
    if (exit != 0) {
      throw new IllegalStateException("initdb exited with " + exit + ":\n" + initdb.logTail(30));
    }
    // In the configuration file rather than on the command line: a reload (readOnly) would
    // otherwise complain that the file's max_connections and shared_buffers cannot be applied.
    String settings =
        """

        # PostgresProcess
        port = %d
        listen_addresses = '127.0.0.1'
        unix_socket_directories = ''
        fsync = off
        max_connections = 200
        shared_buffers = 64MB
        log_line_prefix = '%%m [%%p] '
        """
            .formatted(port);
    try {
      Files.writeString(
          data.resolve("postgresql.conf"),
          settings,
          StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("could not configure " + data, e);
    }
  }

  /**
   * Starts the server on its data directory and port, and waits until it accepts connections. After
   * {@link #kill()} this first waits for the killed server's backends to exit (a new postmaster
   * refuses to start while any is still attached to the old shared memory), then PostgreSQL
   * recovers from its WAL, which the log shows ("database system was interrupted", "redo done").
   *
   * @throws IllegalStateException if it runs already, or does not accept connections in time
   */
  public void start() {
    awaitOrphansGone();
    server.start(
        PostgresBinaries.command("postgres", List.of("-D", data.toString())),
        Map.of("LC_ALL", "C.UTF-8"),
        scratch.directory());
    await("PostgreSQL on port " + port + " accepting connections")
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .until(this::acceptsConnections);
  }

  private boolean acceptsConnections() {
    if (!server.isAlive()) {
      throw new IllegalStateException(
          "PostgreSQL exited with "
              + server.exitCode().orElse(-1)
              + " while starting:\n"
              + server.logTail(30));
    }
    try (Connection connection = connect(DATABASE);
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
      return true;
    } catch (SQLException starting) {
      return false;
    }
  }

  /**
   * SIGKILL to the postmaster, whose pid this reads from {@code postmaster.pid} in the data
   * directory; returns once it is gone. Its backends and auxiliary processes are not signalled:
   * they exit by themselves when they notice their postmaster died, as after a real crash ({@link
   * #start()} waits for them).
   */
  public void kill() {
    long pid = postmasterPid();
    if (pid != server.pid()) {
      throw new IllegalStateException(
          "postmaster.pid names pid "
              + pid
              + " but the postmaster this fixture started is "
              + server.pid()
              + "; refusing to signal a process it did not start");
    }
    ProcessHandle postmaster = server.current().toHandle();
    orphans = postmaster.descendants().collect(Collectors.toUnmodifiableSet());
    postmaster.destroyForcibly();
    server.awaitExit(Duration.ofSeconds(30));
  }

  /**
   * The backends of a killed postmaster notice its death within moments; one busy in a long
   * statement only when it next waits. After a minute the fixture ends them itself, as a supervisor
   * would.
   */
  private void awaitOrphansGone() {
    if (orphans.isEmpty()) {
      return;
    }
    try {
      await("the killed postmaster's backends exiting")
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> orphans.stream().noneMatch(ProcessHandle::isAlive));
    } catch (org.awaitility.core.ConditionTimeoutException stuck) {
      orphans.forEach(ProcessHandle::destroyForcibly);
    }
    orphans = Set.of();
  }

  /** The postmaster's pid, as the first line of {@code postmaster.pid} gives it. */
  public long postmasterPid() {
    Path pidFile = data.resolve("postmaster.pid");
    try {
      return Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).getFirst().strip());
    } catch (IOException e) {
      throw new UncheckedIOException("no " + pidFile + ": is the server running?", e);
    }
  }

  /** The postmaster this fixture started (the same as {@link #postmasterPid()} while it runs). */
  public long pid() {
    return server.pid();
  }

  public boolean isAlive() {
    return server.isAlive();
  }

  public int port() {
    return port;
  }

  /** The server's log: its output over every start, with this fixture's markers between. */
  public Path logFile() {
    return server.logFile();
  }

  /** The JDBC URL of a database of this server. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** The {@value #DATABASE} database, as the superuser. */
  public TestDatabase database() {
    return new TestDatabase(DATABASE, jdbcUrl(DATABASE), USER, "");
  }

  /** Creates a database (empty, not migrated). */
  public TestDatabase createDatabase(String name) {
    execute("CREATE DATABASE " + name);
    return new TestDatabase(name, jdbcUrl(name), USER, "");
  }

  /** Runs Tributary's migrations on a database of this server. */
  public void migrate(TestDatabase database) {
    Flyway.configure()
        .dataSource(database.dataSource())
        .placeholders(Migrations.defaultPlaceholders())
        .load()
        .migrate();
  }

  /** A new session on a database, as the superuser; it fails fast while the server is down. */
  public Connection connect(String database) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", USER);
    properties.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(jdbcUrl(database), properties);
  }

  /**
   * Makes every transaction read-only, or writable again: {@code ALTER SYSTEM SET
   * default_transaction_read_only} and {@code pg_reload_conf()}. Returns once new sessions see the
   * setting. Sessions that are open already follow it from their next statement: a backend reloads
   * its configuration before it reads the next command from its client ({@code PostgresProcessIT}
   * checks that a write on a session opened before fails), so nothing needs to be terminated. A
   * client that asks for {@code BEGIN READ WRITE} explicitly could still write; Tributary never
   * does.
   */
  public void readOnly(boolean readOnly) {
    String value = readOnly ? "on" : "off";
    try (Connection connection = connect(DATABASE);
        Statement statement = connection.createStatement()) {
      // This session must be able to write the setting back even while the server is read-only.
      statement.execute("SET default_transaction_read_only = off");
      statement.execute("ALTER SYSTEM SET default_transaction_read_only = " + value);
      statement.execute("SELECT pg_reload_conf()");
    } catch (SQLException e) {
      throw new IllegalStateException("could not set default_transaction_read_only", e);
    }
    await("new sessions seeing default_transaction_read_only = " + value)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> value.equals(setting("default_transaction_read_only")));
  }

  private String setting(String name) throws SQLException {
    try (Connection connection = connect(DATABASE);
        PreparedStatement statement = connection.prepareStatement("SELECT current_setting(?)")) {
      statement.setString(1, name);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getString(1);
      }
    }
  }

  /**
   * Ends every client session but the one asking ({@code pg_terminate_backend}, waiting up to 5 s
   * for each to exit): their clients get SQLSTATE 57P01 ({@code admin_shutdown}) on their next use.
   *
   * @return how many sessions were ended
   */
  public int terminateConnections() {
    try (Connection connection = connect(DATABASE);
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                """
                SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000))
                FROM pg_stat_activity
                WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
                """)) {
      result.next();
      return result.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException("could not terminate the sessions", e);
    }
  }

  /**
   * Opens a session on {@code database}, begins a transaction, runs {@code sql} (e.g. {@code SELECT
   * ... FOR UPDATE}, or an {@code UPDATE}) and leaves the transaction open: the session holds the
   * statement's row locks, idle in transaction, until the handle is released or the server ends the
   * session. Others wanting those rows wait (or fail with SQLSTATE 55P03 with {@code NOWAIT}, or
   * with {@code lock_timeout}).
   */
  public StalledBackend stallBackendHoldingLock(String database, String sql) {
    Connection connection = null;
    try {
      connection = connect(database);
      connection.setAutoCommit(false);
      int backendPid;
      try (Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
        result.next();
        backendPid = result.getInt(1);
      }
      int rows = 0;
      try (Statement statement = connection.createStatement()) {
        if (statement.execute(sql)) {
          try (ResultSet result = statement.getResultSet()) {
            while (result.next()) {
              rows++;
            }
          }
        } else {
          rows = statement.getUpdateCount();
        }
      }
      return new StalledBackend(connection, backendPid, rows);
    } catch (SQLException e) {
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw new IllegalStateException("could not run '" + sql + "' to hold its locks", e);
    }
  }

  /**
   * Server administration (databases, settings, locks) as plain SQL: it touches no table of the
   * schema, so jOOQ's generated types have nothing to offer here.
   */
  private void execute(String sql) {
    try (Connection connection = connect(DATABASE);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run '" + sql + "'", e);
    }
  }

  /** Kills the server (and its backends) and deletes its data directory. */
  @Override
  public void close() {
    try {
      server.close();
      orphans.forEach(ProcessHandle::destroyForcibly);
    } finally {
      scratch.delete();
    }
  }
}
