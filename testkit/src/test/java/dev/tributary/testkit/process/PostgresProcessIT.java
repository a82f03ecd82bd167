package dev.tributary.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.tributary.testkit.ListeningSocket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One PostgreSQL process for the class; each test works on a table of its own and leaves the server
 * running and writable.
 */
class PostgresProcessIT {

  private static PostgresProcess postgres;

  @BeforeAll
  static void startServer() {
    postgres = PostgresProcess.create();
  }

  @BeforeEach
  void serverRuns() {
    if (!postgres.isAlive()) {
      postgres.start();
    }
  }

  @AfterAll
  static void stopServer() {
    postgres.close();
  }

  @Test
  void a_killed_server_recovers_its_committed_rows_when_started_again() throws Exception {
    execute("CREATE TABLE crash (id int PRIMARY KEY, value text)");
    execute("INSERT INTO crash VALUES (1, 'committed before the crash')");
    long pid = postgres.pid();
    assertThat(postgres.postmasterPid()).isEqualTo(pid);
    if (ListeningSocket.readable()) {
      assertThat(ListeningSocket.ofProcess(pid))
          .extracting(ListeningSocket::toString)
          .containsExactly("127.0.0.1:" + postgres.port());
    }

    try (Connection open = postgres.connect(PostgresProcess.DATABASE)) {
      postgres.kill();

      assertThat(postgres.isAlive()).isFalse();
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
      // Its backend, orphaned, ends when it notices the postmaster is gone, which it checks while
      // it waits, not before every statement: a query just after the kill may still be answered.
      // Then it says "terminating connection due to unexpected postmaster exit" (57P01), or the
      // client finds the socket closed (class 08).
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(sqlState(() -> query(open, "SELECT 1")))
                      .as("a session of the killed server")
                      .matches("57P01|08..."));
      assertThat(sqlState(() -> postgres.connect(PostgresProcess.DATABASE).close()))
          .as("a new connection while the server is down")
          .isEqualTo("08001");
    }

    postgres.start();

    assertThat(postgres.pid()).isNotEqualTo(pid);
    assertThat(queryAll("SELECT value FROM crash")).containsExactly("committed before the crash");
    assertThat(Files.readString(postgres.logFile()))
        .as("PostgreSQL ran crash recovery")
        .contains("database system was interrupted")
        .contains("redo done");
  }

  @Test
  void while_read_only_writes_fail_with_25006_in_open_and_new_sessions() throws Exception {
    execute("CREATE TABLE readonly (id int PRIMARY KEY)");
    try (Connection openBefore = postgres.connect(PostgresProcess.DATABASE)) {
      query(openBefore, "SELECT 1");
      postgres.readOnly(true);
      try {
        assertThat(sqlState(() -> update(openBefore, "INSERT INTO readonly VALUES (1)")))
            .as("a session opened before")
            .isEqualTo("25006");
        try (Connection openedAfter = postgres.connect(PostgresProcess.DATABASE)) {
          assertThat(sqlState(() -> update(openedAfter, "INSERT INTO readonly VALUES (2)")))
              .as("a session opened after")
              .isEqualTo("25006");
          assertThat(query(openedAfter, "SELECT count(*) FROM readonly")).isEqualTo("0");
        }
      } finally {
        postgres.readOnly(false);
      }
      update(openBefore, "INSERT INTO readonly VALUES (3)");
    }
    assertThat(queryAll("SELECT id::text FROM readonly")).containsExactly("3");
  }

  @Test
  void a_stalled_backend_holds_its_row_locks_until_released_or_terminated() throws Exception {
    execute("CREATE TABLE locked (id int PRIMARY KEY)");
    execute("INSERT INTO locked VALUES (1), (2)");
    String lockRowOne = "SELECT * FROM locked WHERE id = 1 FOR UPDATE NOWAIT";

    try (StalledBackend stalled =
            postgres.stallBackendHoldingLock(
                PostgresProcess.DATABASE, "SELECT * FROM locked WHERE id = 1 FOR UPDATE");
        Connection other = postgres.connect(PostgresProcess.DATABASE)) {
      assertThat(stalled.lockedRows()).isEqualTo(1);
      assertThat(queryAll("SELECT state FROM pg_stat_activity WHERE pid = " + stalled.backendPid()))
          .containsExactly("idle in transaction");
      other.setAutoCommit(false);
      assertThat(sqlState(() -> query(other, lockRowOne))).isEqualTo("55P03");
      other.rollback();
      assertThat(query(other, "SELECT id::text FROM locked WHERE id = 2 FOR UPDATE NOWAIT"))
          .as("other rows are free")
          .isEqualTo("2");
      other.rollback();

      assertThat(postgres.terminateConnections()).isGreaterThanOrEqualTo(2);

      assertThat(stalled.isTerminated()).isTrue();
    }
    try (Connection other = postgres.connect(PostgresProcess.DATABASE)) {
      assertThat(query(other, lockRowOne))
          .as("the terminated session's lock is gone")
          .isEqualTo("1");
    }

    try (StalledBackend stalled =
        postgres.stallBackendHoldingLock(
            PostgresProcess.DATABASE, "UPDATE locked SET id = 1 WHERE id = 1")) {
      assertThat(stalled.lockedRows()).isEqualTo(1);
      try (Connection other = postgres.connect(PostgresProcess.DATABASE)) {
        other.setAutoCommit(false);
        assertThat(sqlState(() -> query(other, lockRowOne))).isEqualTo("55P03");
        other.rollback();
        stalled.release();
        assertThat(query(other, lockRowOne)).as("released").isEqualTo("1");
      }
    }
  }

  private static String sqlState(ThrowingCallable action) {
    SQLException thrown = catchThrowableOfType(SQLException.class, action);
    assertThat((Throwable) thrown).as("an SQLException").isNotNull();
    return thrown.getSQLState();
  }

  private static void execute(String sql) throws SQLException {
    try (Connection connection = postgres.connect(PostgresProcess.DATABASE)) {
      update(connection, sql);
    }
  }

  private static void update(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String query(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getString(1);
    }
  }

  private static List<String> queryAll(String sql) throws SQLException {
    try (Connection connection = postgres.connect(PostgresProcess.DATABASE);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (result.next()) {
        values.add(result.getString(1));
      }
      return values;
    }
  }
}
