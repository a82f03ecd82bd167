package dev.tributary.e2e;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.postgresql.PGStatement;

/**
 * Every statement text the services execute while capturing is on, each with one execution's SQL as
 * the driver would run it (pgjdbc renders a prepared statement with its parameters inlined), so
 * that a test can ask PostgreSQL how it plans what really ran.
 */
final class CapturedStatements implements ExecuteListener {

  private static final long serialVersionUID = 1L;

  private final transient Map<String, String> executedByText = new ConcurrentHashMap<>();
  private volatile boolean capturing;

  void start() {
    capturing = true;
  }

  void stop() {
    capturing = false;
  }

  /** Statement text (with its placeholders) → one execution of it, parameters inlined. */
  Map<String, String> executedByText() {
    return Map.copyOf(executedByText);
  }

  @Override
  public void executeStart(ExecuteContext context) {
    String text = context.sql();
    PreparedStatement statement = context.statement();
    if (capturing && text != null && statement != null) {
      executedByText.computeIfAbsent(text, unused -> withParameters(statement));
    }
  }

  /** The pool's and jOOQ's wrappers do not render parameters; the driver's statement does. */
  private static String withParameters(PreparedStatement statement) {
    try {
      return statement.unwrap(PGStatement.class).toString();
    } catch (SQLException e) {
      throw new IllegalStateException("not a PostgreSQL statement: " + statement, e);
    }
  }
}
