package dev.tributary.service.kafka;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Tells failures worth retrying (the database or broker is briefly unavailable, a serialization
 * conflict, a deadlock) from failures of the input itself, which no retry will fix. A listener
 * rethrows the first kind, so that the container retries the whole poll with backoff and nothing is
 * dead-lettered during an outage; the second kind sends the one bad record to the dead-letter
 * topic.
 */
public final class TransientFailures {

  /**
   * SQLSTATE classes and codes that mean "try again": connection exceptions (08), serialization
   * failure and deadlock (40001, 40P01), insufficient resources (53), operator intervention such as
   * a restart (57P01-57P03).
   */
  private static final Set<String> TRANSIENT_STATES =
      Set.of("40001", "40P01", "57P01", "57P02", "57P03", "55P03");

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
    }
    return false;
  }

  private static boolean isTransientState(@Nullable String state) {
    return state != null
        && (state.startsWith("08") || state.startsWith("53") || TRANSIENT_STATES.contains(state));
  }
}
