package dev.tributary.service.kafka;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells failures worth retrying (the database or broker is briefly unavailable, failing over,
 * overloaded, or a statement lost a race) from failures of the input itself, which no retry will
 * fix. A listener rethrows the first kind, so that the container retries the whole poll with
 * backoff and nothing is dead-lettered during an outage; the second kind sends the one bad record
 * to the dead-letter topic.
 */
public final class TransientFailures {

  /**
   * SQLSTATE classes (two characters) and codes (five) that mean "try again", with why. A code not
   * here whose class is here is transient too.
   */
  static final Map<String, String> TRANSIENT_STATES =
      Map.ofEntries(
          Map.entry("08", "connection exception: the server is gone or unreachable"),
          Map.entry("53", "insufficient resources: out of connections, memory or disk"),
          Map.entry("25006", "read-only transaction: the server is a standby, e.g. in a failover"),
          Map.entry("40001", "serialization failure: a concurrent transaction won"),
          Map.entry("40P01", "deadlock detected: one of the transactions was chosen to abort"),
          Map.entry("55P03", "lock not available: lock_timeout passed behind another holder"),
          Map.entry("57014", "query canceled: statement_timeout passed, or an operator canceled"),
          Map.entry("57P01", "admin shutdown: the server is stopping"),
          Map.entry("57P02", "crash shutdown: the server is restarting after a crash"),
          Map.entry("57P03", "cannot connect now: the server is starting or in recovery"),
          Map.entry("57P05", "idle session timeout: the server closed an idle connection"),
          Map.entry("58030", "I/O error on the server"));

  private TransientFailures() {}

  public static boolean isTransient(Throwable failure) {
    for (Throwable t : CauseChain.of(failure)) {
      if (t instanceof TransientDataAccessException
          || t instanceof RecoverableDataAccessException
          || t instanceof DataAccessResourceFailureException
          || t instanceof SQLTransientException
          || t instanceof SQLRecoverableException
          || t instanceof ConnectException
          || t instanceof org.apache.kafka.common.errors.RetriableException) {
        return true;
      }
      if (t instanceof SQLException sql && isTransientState(sql.getSQLState())) {
        return true;
      }
      if (t instanceof TransactionSystemException) {
        // A commit or rollback that failed: the connection broke, whatever the statements did.
        // (A rollback on a connection the pool already closed fails with no SQLSTATE at all.)
        // Retrying is safe: input that is bad fails again, and is dead-lettered then.
        return true;
      }
    }
    return false;
  }

  /** Whether a failure with this SQLSTATE is worth retrying. */
  static boolean isTransientState(@Nullable String state) {
    return state != null
        && state.length() == 5
        && (TRANSIENT_STATES.containsKey(state)
            || TRANSIENT_STATES.containsKey(state.substring(0, 2)));
  }
}
