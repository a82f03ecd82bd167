package dev.tributary.store.metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Counts the statements jOOQ executes on the current thread while {@link Measurement}s are open.
 * Register it as an {@link ExecuteListener}; the processor records the counts per message as a
 * metric, and tests assert them. Measurements nest: a statement counts in every measurement open on
 * its thread, so a test can measure code that measures itself.
 */
public final class StatementCounter implements ExecuteListener {

  private static final long serialVersionUID = 1L;
  private static final ThreadLocal<Deque<Measurement>> OPEN =
      ThreadLocal.withInitial(ArrayDeque::new);

  /** Starts counting on this thread; close the measurement to stop. */
  public static Measurement measure() {
    Measurement measurement = new Measurement();
    OPEN.get().push(measurement);
    return measurement;
  }

  @Override
  public void executeStart(ExecuteContext context) {
    String sql = context.sql() == null ? "?" : context.sql();
    for (Measurement measurement : OPEN.get()) {
      measurement.statements.add(sql);
    }
  }

  /** The statements executed on one thread between {@link #measure()} and {@link #close()}. */
  public static final class Measurement implements AutoCloseable {

    private final List<String> statements = new ArrayList<>();

    private Measurement() {}

    public int count() {
      return statements.size();
    }

    /** The SQL of each statement, in order: for assertion messages. */
    public List<String> statements() {
      return List.copyOf(statements);
    }

    @Override
    public void close() {
      Deque<Measurement> open = OPEN.get();
      open.remove(this);
      if (open.isEmpty()) {
        OPEN.remove();
      }
    }
  }
}
