package dev.tributary.bench.console;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A progress indicator for one phase: a bar, done of total, the rate and the time elapsed, redrawn
 * twice a second on a terminal (every five seconds otherwise) until closed.
 */
public final class Progress implements AutoCloseable {

  private static final int BAR = 24;

  private final String label;
  private final LongSupplier done;
  private final long total;
  private final String unit;
  private final long started = System.nanoTime();
  private final ScheduledExecutorService ticker;

  private Progress(String label, LongSupplier done, long total, String unit) {
    this.label = label;
    this.done = done;
    this.total = total;
    this.unit = unit;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("bench-progress").daemon().unstarted(r));
  }

  /**
   * Starts showing progress.
   *
   * @param label what is running
   * @param done how much is done so far; called from the indicator's thread
   * @param total how much there is in all (0: unknown, no bar)
   * @param unit what is counted, e.g. "tasks"
   */
  public static Progress start(String label, LongSupplier done, long total, String unit) {
    Progress progress = new Progress(label, done, total, unit);
    long period = Terminal.interactive() ? 500 : 5_000;
    // Not awaited: draw() catches its own failures, and close() stops the ticker.
    ScheduledFuture<?> unused =
        progress.ticker.scheduleAtFixedRate(progress::draw, period, period, TimeUnit.MILLISECONDS);
    return progress;
  }

  private void draw() {
    try {
      Terminal.status(render(done.getAsLong()));
    } catch (RuntimeException e) {
      Terminal.status(label + ": (progress unavailable: " + e.getMessage() + ")");
    }
  }

  private String render(long now) {
    double seconds = (System.nanoTime() - started) / 1e9;
    StringBuilder line = new StringBuilder("  ").append(label).append(' ');
    if (total > 0) {
      int filled = (int) Math.min(BAR, BAR * now / total);
      line.append('[')
          .append("#".repeat(filled))
          .append(".".repeat(BAR - filled))
          .append("] ")
          .append(now)
          .append('/')
          .append(total);
    } else {
      line.append(now);
    }
    line.append(' ')
        .append(unit)
        .append(
            String.format(
                Locale.ROOT, "  %,.0f/s  %.1f s", seconds > 0 ? now / seconds : 0, seconds));
    return line.toString();
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
