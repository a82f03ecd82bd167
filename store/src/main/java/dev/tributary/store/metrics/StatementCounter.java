package dev.tributary.store.metrics;

import java.util.ArrayList;
import java.util.List;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jspecify.annotations.Nullable;

/**
 * Counts the statements jOOQ executes on the current thread while a {@link Measurement} is open.
 * Register it as an {@link ExecuteListener}; the processor records the counts per message as a
 * metric, and tests assert them.
 */
public final class StatementCounter implements ExecuteListener {

  private static final long serialVersionUID = 1L;
  private static final ThreadLocal<@Nullable Measurement> CURRENT = new ThreadLocal<>();

  /** Starts counting on this thread; close the measurement to stop. Measurements do not nest. */
  public static Measurement measure() {
    Measurement measurement = new Measurement();
    CURRENT.set(measurement);
    return measurement;
  }

  @Override
  public void executeStart(ExecuteContext context) {
    Measurement measurement = CURRENT.get();
    if (measurement != null) {
      measurement.statements.add(context.sql() == null ? "?" : context.sql());
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
      if (CURRENT.get() == this) {
        CURRENT.remove();
      }
    }
  }
}
