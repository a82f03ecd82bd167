package dev.tributary.bench.scenario;

import static dev.tributary.store.schema.Tables.TASKS;

import dev.tributary.bench.console.Progress;
import dev.tributary.contracts.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Watches tasks of one correlation prefix finish, from the benchmark's own connection (its
 * statements are not the services'), with a progress indicator.
 */
final class Completion {

  private static final long POLL_NANOS = 500_000_000L;

  private Completion() {}

  /** Completed tasks whose correlation id starts with the prefix. */
  static int completed(DSLContext db, String prefix) {
    return db.fetchCount(
        TASKS, TASKS.CORRELATION_ID.startsWith(prefix).and(TASKS.STATE.eq(TaskState.COMPLETE)));
  }

  /**
   * Waits until {@code expected} tasks of the prefix are complete, or until none completes for
   * {@code stall}.
   *
   * @return whether all completed
   */
  @SuppressWarnings("try") // the progress indicator runs until the block ends
  static boolean await(DSLContext db, String prefix, int expected, String label, Duration stall) {
    int[] done = {0};
    try (Progress progress = Progress.start(label, () -> done[0], expected, "tasks complete")) {
      long lastChange = System.nanoTime();
      while (done[0] < expected) {
        LockSupport.parkNanos(POLL_NANOS);
        int now = completed(db, prefix);
        if (now != done[0]) {
          done[0] = now;
          lastChange = System.nanoTime();
        } else if (System.nanoTime() - lastChange > stall.toNanos()) {
          return false;
        }
      }
      return true;
    }
  }

  /** When the last task of the prefix completed (the processor's clock, µs precision). */
  static @Nullable Instant lastCompletion(DSLContext db, String prefix) {
    return db.select(org.jooq.impl.DSL.max(TASKS.COMPLETED_AT))
        .from(TASKS)
        .where(TASKS.CORRELATION_ID.startsWith(prefix))
        .fetchOne(0, Instant.class);
  }
}
