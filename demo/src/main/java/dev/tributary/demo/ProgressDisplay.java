package dev.tributary.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows a run's progress: on a terminal, one line redrawn in place with a bar; otherwise a plain
 * line at most once every {@link #PLAIN_INTERVAL}, and one at the end.
 */
final class ProgressDisplay {

  static final Duration PLAIN_INTERVAL = Duration.ofSeconds(1);

  private static final int BAR_WIDTH = 30;
  private static final String CLEAR_TO_END_OF_LINE = "\033[K";

  private final PrintStream out;
  private final boolean interactive;
  private final boolean unicode;
  private final int expectedTasks;
  private final long expectedSteps;
  private Duration lastPlain = Duration.ofSeconds(-1);
  private String lastLine = "";

  /**
   * @param out where to write
   * @param interactive whether {@code out} is a terminal
   * @param unicode whether {@code out} can show block characters
   * @param expectedTasks the tasks the run waits for
   * @param expectedSteps the steps those tasks make in all: the bar shows the share completed,
   *     which moves steadily while tasks submitted together tend to finish together
   */
  ProgressDisplay(
      PrintStream out,
      boolean interactive,
      boolean unicode,
      int expectedTasks,
      long expectedSteps) {
    this.out = out;
    this.interactive = interactive;
    this.unicode = unicode;
    this.expectedTasks = expectedTasks;
    this.expectedSteps = expectedSteps;
  }

  void show(Progress progress, Duration elapsed) {
    if (interactive) {
      out.print("\r" + line(progress, elapsed, true) + CLEAR_TO_END_OF_LINE);
      out.flush();
    } else if (elapsed.minus(lastPlain).compareTo(PLAIN_INTERVAL) >= 0) {
      plain(progress, elapsed);
    }
  }

  /** The last state, then a line break so that what follows starts on a line of its own. */
  void finish(Progress progress, Duration elapsed) {
    if (interactive) {
      out.println("\r" + line(progress, elapsed, true) + CLEAR_TO_END_OF_LINE);
    } else {
      plain(progress, elapsed);
    }
    out.flush();
  }

  private void plain(Progress progress, Duration elapsed) {
    String line = line(progress, elapsed, false);
    if (!line.equals(lastLine)) {
      out.println(line);
      lastLine = line;
    }
    lastPlain = elapsed;
  }

  String line(Progress progress, Duration elapsed, boolean withBar) {
    String counts =
        String.format(
            Locale.ROOT,
            "%,d/%,d tasks complete · %,d blocked · %,d steps complete · %,d retried · %.1f s",
            progress.completed(),
            expectedTasks,
            progress.blocked(),
            progress.stepsCompleted(),
            progress.stepsRetried(),
            elapsed.toMillis() / 1000.0);
    if (!unicode) {
      counts = counts.replace('·', '|');
    }
    return withBar ? "  " + bar(progress) + "  " + counts : "progress: " + counts;
  }

  private String bar(Progress progress) {
    boolean done = progress.finished() >= expectedTasks;
    int filled =
        done || expectedSteps == 0
            ? BAR_WIDTH
            : (int)
                Math.min(
                    BAR_WIDTH - 1, (long) progress.stepsCompleted() * BAR_WIDTH / expectedSteps);
    String full = unicode ? "█" : "#";
    String empty = unicode ? "░" : "-";
    return "[" + full.repeat(filled) + empty.repeat(BAR_WIDTH - filled) + "]";
  }
}
