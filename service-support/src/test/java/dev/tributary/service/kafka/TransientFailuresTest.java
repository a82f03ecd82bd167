package dev.tributary.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/** The classifier, row by row: what a failover, a restart, a timeout or a lock conflict raises. */
class TransientFailuresTest {

  @ParameterizedTest(name = "SQLSTATE {0} ({1}) is transient")
  @CsvSource({
    "08000, connection exception",
    "08001, client cannot establish the connection",
    "08003, connection does not exist",
    "08006, connection failure",
    "08P01, protocol violation after a server crash",
    "25006, read-only SQL transaction during a failover",
    "40001, serialization failure",
    "40P01, deadlock detected",
    "53000, insufficient resources",
    "53100, disk full",
    "53200, out of memory",
    "53300, too many connections",
    "55P03, lock not available (lock_timeout)",
    "57014, query canceled (statement_timeout)",
    "57P01, admin shutdown",
    "57P02, crash shutdown",
    "57P03, cannot connect now",
    "57P05, idle session timeout",
    "58030, I/O error",
  })
  void a_database_failure_that_a_retry_can_outlast_is_transient(String state, String what) {
    assertThat(TransientFailures.isTransient(wrapped(new SQLException(what, state)))).isTrue();
  }

  @ParameterizedTest(name = "SQLSTATE {0} ({1}) is not transient")
  @CsvSource({
    "22P02, invalid text representation",
    "22P05, untranslatable character (U+0000 in jsonb)",
    "23505, unique violation",
    "23503, foreign key violation",
    "23514, check violation",
    "42P01, undefined table",
    "42703, undefined column",
    "54000, program limit exceeded",
    "P0001, raised by a function",
  })
  void a_failure_of_the_input_itself_is_not_transient(String state, String what) {
    assertThat(TransientFailures.isTransient(wrapped(new SQLException(what, state)))).isFalse();
  }

  @ParameterizedTest(name = "a malformed SQLSTATE {0} is not transient")
  @ValueSource(strings = {"", "08", "0800", "080000"})
  void only_a_five_character_state_is_read(String state) {
    assertThat(TransientFailures.isTransientState(state)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "jdbc-connection",
        "query-timeout",
        "lock",
        "hikari",
        "connect",
        "kafka-timeout",
        "kafka-leader",
        "rollback-on-a-dead-connection"
      })
  void what_spring_jdbc_and_kafka_report_as_temporary_is_transient(String kind) {
    Throwable failure =
        switch (kind) {
          case "jdbc-connection" ->
              new CannotGetJdbcConnectionException("no connection", new SQLException("x"));
          case "query-timeout" -> new QueryTimeoutException("slow");
          case "lock" -> new CannotAcquireLockException("locked");
          case "hikari" -> new SQLTransientConnectionException("pool exhausted");
          case "connect" -> new ConnectException("refused");
          case "kafka-timeout" -> new TimeoutException("no ack");
          case "kafka-leader" -> new NotLeaderOrFollowerException("moved");
          default -> rollbackOnAConnectionThePoolClosed();
        };
    assertThat(TransientFailures.isTransient(wrapped(failure))).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"integrity", "too-large", "illegal-argument"})
  void a_failure_no_retry_fixes_is_not_transient(String kind) {
    Throwable failure =
        switch (kind) {
          case "integrity" -> new DataIntegrityViolationException("duplicate");
          case "too-large" -> new RecordTooLargeException("2 MB");
          default -> new IllegalArgumentException("bad");
        };
    assertThat(TransientFailures.isTransient(wrapped(failure))).isFalse();
  }

  /**
   * PostgreSQL crashed in the middle of a transaction: the pool closed the broken connection, and
   * the rollback that followed failed with Hikari's SQLException, which has no SQLSTATE. Spring
   * reports the rollback's failure and keeps the original one aside.
   */
  private static Throwable rollbackOnAConnectionThePoolClosed() {
    TransactionSystemException rollback =
        new TransactionSystemException(
            "JDBC rollback failed", new SQLException("Connection is closed"));
    rollback.initApplicationException(
        new DataAccessResourceFailureException(
            "I/O error", new SQLException("An I/O error occurred", "08006")));
    return rollback;
  }

  /** As a listener sees it: wrapped once or twice on the way up. */
  private static RuntimeException wrapped(Throwable cause) {
    return new IllegalStateException("applying the poll failed", new RuntimeException(cause));
  }
}
