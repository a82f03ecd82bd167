package dev.tributary.bench.system;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Counts every statement one service executes through jOOQ, on any thread, by the kind of thread
 * that ran it (a listener's consumer thread, the sweep, the event relay). Unlike the services' own
 * {@link dev.tributary.store.metrics.StatementCounter}, which counts per thread while a measurement
 * is open, this sees the whole run, background loops included. Transaction control (BEGIN, COMMIT)
 * does not go through jOOQ and is not counted.
 */
public final class StatementTally implements ExecuteListener {

  private static final long serialVersionUID = 1L;

  /** Spring Kafka's consumer threads are named {@code <listener id>-<n>-C-<m>}. */
  private static final Pattern LISTENER_THREAD = Pattern.compile("-\\d+-C-\\d+$");

  private static final Pattern DIGITS = Pattern.compile("\\d+");

  private final transient Map<String, LongAdder> byThread = new ConcurrentHashMap<>();

  @Override
  public void executeStart(ExecuteContext context) {
    // Keyed by the raw thread name: the kind is worked out when read, not on the services' threads.
    byThread.computeIfAbsent(Thread.currentThread().getName(), k -> new LongAdder()).increment();
  }

  /** A thread name without its numbers: the kind of thread, e.g. {@code step-results}. */
  public static String kind(String threadName) {
    String kind = LISTENER_THREAD.matcher(threadName).replaceAll("");
    return DIGITS.matcher(kind).replaceAll("#");
  }

  /** Statements so far, all threads. */
  public long total() {
    return byThread.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Statements so far by kind of thread, e.g. {@code step-results}, {@code scheduler-sweep}. */
  public Map<String, Long> byThread() {
    Map<String, Long> counts = new TreeMap<>();
    byThread.forEach((thread, count) -> counts.merge(kind(thread), count.sum(), Long::sum));
    return counts;
  }

  public void reset() {
    byThread.values().forEach(LongAdder::reset);
  }
}
