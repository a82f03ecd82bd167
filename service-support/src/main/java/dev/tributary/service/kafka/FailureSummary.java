package dev.tributary.service.kafka;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A failure named without its messages, for logs at WARN and above: the exception classes down the
 * cause chain and the SQLSTATE of a database error, e.g. {@code DataIntegrityViolationException <
 * PSQLException [23505]}. Messages can quote the values being written.
 */
public final class FailureSummary {

  private FailureSummary() {}

  public static String of(Throwable failure) {
    List<String> parts = new ArrayList<>();
    for (Throwable t : CauseChain.of(failure)) {
      if (parts.size() == 5) {
        break;
      }
      String part = t.getClass().getSimpleName();
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        part += " [" + sql.getSQLState() + "]";
      }
      parts.add(part);
    }
    return String.join(" < ", parts);
  }
}
