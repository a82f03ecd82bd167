package dev.tributary.demo;

import dev.tributary.demo.RunStatistics.FinishedTask;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;

/**
 * Reports each task once when it finishes, for {@code --serve}: one line with its id, template,
 * final state and latency.
 */
final class FinishedTasks {

  static final Duration POLL_INTERVAL = Duration.ofMillis(500);

  /**
   * How far back each look reaches: a transaction that committed late may carry an earlier
   * updated_at than one already seen. Tasks seen before are not reported twice.
   */
  private static final Duration OVERLAP = Duration.ofSeconds(10);

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final RunStatistics statistics;
  private final PrintStream out;
  private final Set<String> reported = new HashSet<>();
  private final Instant from;
  private Instant latest;

  /**
   * @param from tasks that finished before this are not reported
   */
  FinishedTasks(RunStatistics statistics, PrintStream out, Instant from) {
    this.statistics = statistics;
    this.out = out;
    this.from = from;
    this.latest = from;
  }

  /** Prints the tasks that finished since the last call. */
  void report() {
    for (FinishedTask task : statistics.finishedSince(latest.minus(OVERLAP))) {
      if (task.at().isBefore(from) || !reported.add(task.id() + " " + task.state().wireName())) {
        continue;
      }
      out.printf(
          "  %s  %-20s %-18s %s  after %,d ms%n",
          TIME.format(task.at()),
          task.state().wireName(),
          task.template(),
          task.id(),
          task.took().toMillis());
      if (task.at().isAfter(latest)) {
        latest = task.at();
      }
    }
    out.flush();
  }
}
