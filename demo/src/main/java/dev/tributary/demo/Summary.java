package dev.tributary.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The end of a run in numbers: tasks, steps, throughput, wall time and task latency percentiles.
 *
 * @param submitted the tasks requested
 * @param progress where the run ended, as the database says
 * @param latencies each completed task's time from creation to completion, from the database
 * @param wallTime from sending the first task request to seeing the last task finish
 * @param startup how long the infrastructure, services and workers took to start
 */
record Summary(
    int submitted,
    Progress progress,
    List<Duration> latencies,
    Duration wallTime,
    Duration startup) {

  /** Whether every submitted task completed. */
  boolean allCompleted() {
    return progress.completed() == submitted;
  }

  /** Submitted tasks that did not complete: blocked, ended otherwise, or never finished. */
  int notCompleted() {
    return submitted - progress.completed();
  }

  String format() {
    double seconds = Math.max(wallTime.toMillis(), 1) / 1000.0;
    StringBuilder text = new StringBuilder();
    text.append("Summary\n");
    text.append(
        String.format(
            Locale.ROOT,
            "  tasks       %,d submitted: %,d completed, %,d blocked by failures, %,d not finished%n",
            submitted,
            progress.completed(),
            progress.blocked(),
            submitted - progress.completed() - progress.blocked()));
    text.append(
        String.format(
            Locale.ROOT,
            "  steps       %,d completed, %,d of them after a retry: %,.0f steps/s%n",
            progress.stepsCompleted(),
            progress.stepsRetried(),
            progress.stepsCompleted() / seconds));
    text.append(
        String.format(
            Locale.ROOT,
            "  wall time   %.2f s from the first task request to the last task finished"
                + " (start-up %.1f s)%n",
            seconds,
            startup.toMillis() / 1000.0));
    if (latencies.isEmpty()) {
      text.append("  latency     no task completed\n");
    } else {
      text.append(
          String.format(
              Locale.ROOT,
              "  latency     p50 %s   p95 %s   p99 %s   max %s%n"
                  + "              from each task's creation to its completion; all were submitted"
                  + " at once%n",
              millis(percentile(latencies, 50)),
              millis(percentile(latencies, 95)),
              millis(percentile(latencies, 99)),
              millis(percentile(latencies, 100))));
    }
    return text.toString();
  }

  /**
   * The nearest-rank percentile: the smallest value that at least {@code p} percent of the values
   * are less than or equal to.
   *
   * @param p from 1 to 100
   */
  static Duration percentile(List<Duration> values, int p) {
    if (values.isEmpty() || p < 1 || p > 100) {
      throw new IllegalArgumentException("need values and a percentile from 1 to 100");
    }
    List<Duration> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }

  private static String millis(Duration duration) {
    return String.format(Locale.ROOT, "%,d ms", duration.toMillis());
  }
}
