package dev.tributary.service.background;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Work on one background thread that starts and stops with the application: subclasses say what
 * runs how often ({@link #schedule}), and may ask for a run at once ({@link #runSoon}). The work
 * itself must catch, log and count its failures: an exception escaping it would cancel its
 * schedule.
 */
public abstract class BackgroundWork implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(BackgroundWork.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final String threadName;
  private volatile @Nullable ScheduledExecutorService executor;

  protected BackgroundWork(String threadName) {
    this.threadName = threadName;
  }

  /** Registers the periodic work; called once, at start. */
  protected abstract void schedule(Schedule schedule);

  /** Runs {@code work} on the background thread as soon as it is free; nothing when stopped. */
  protected final void runSoon(Runnable work) {
    ScheduledExecutorService running = executor;
    if (running != null) {
      running.execute(work);
    }
  }

  @Override
  public final void start() {
    ScheduledExecutorService started =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name(threadName).daemon().unstarted(runnable));
    schedule(
        (interval, initialDelay, work) -> {
          // Not awaited: a periodic task's future completes only when the work throws, which
          // cancels its schedule; reportEscape logs that instead of leaving it in the future.
          ScheduledFuture<?> unused =
              started.scheduleWithFixedDelay(
                  reportEscape(work),
                  initialDelay.toMillis(),
                  interval.toMillis(),
                  TimeUnit.MILLISECONDS);
        });
    executor = started;
  }

  private Runnable reportEscape(Runnable work) {
    return () -> {
      try {
        work.run();
      } catch (RuntimeException | Error e) {
        log.error(
            "Background work on {} threw, and its schedule is cancelled; this indicates a bug:"
                + " the work must catch its own failures",
            threadName,
            e);
        throw e;
      }
    };
  }

  @Override
  public final void stop() {
    ScheduledExecutorService running = executor;
    executor = null;
    if (running != null) {
      running.shutdown();
      try {
        if (!running.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          running.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running.shutdownNow();
      }
    }
  }

  @Override
  public final boolean isRunning() {
    return executor != null;
  }

  /** Where subclasses register periodic work. */
  @FunctionalInterface
  protected interface Schedule {
    /** Runs {@code work} after {@code initialDelay}, then {@code interval} after each run ends. */
    void every(Duration interval, Duration initialDelay, Runnable work);
  }
}
