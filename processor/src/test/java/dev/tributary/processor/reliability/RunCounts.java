package dev.tributary.processor.reliability;

import java.util.concurrent.atomic.AtomicLong;

/** What the randomised suite exercised, summed over its tries, for its report. */
final class RunCounts {
  final AtomicLong tries = new AtomicLong();
  final AtomicLong tasks = new AtomicLong();
  final AtomicLong complete = new AtomicLong();
  final AtomicLong blocked = new AtomicLong();
  final AtomicLong steps = new AtomicLong();
  final AtomicLong batchWorkers = new AtomicLong();
  final AtomicLong claims = new AtomicLong();
  final AtomicLong messages = new AtomicLong();
  final AtomicLong polls = new AtomicLong();
  final AtomicLong duplicates = new AtomicLong();
  final AtomicLong replays = new AtomicLong();
  final AtomicLong rounds = new AtomicLong();
  final AtomicLong claimNanos = new AtomicLong();
  final AtomicLong processNanos = new AtomicLong();
  final AtomicLong checkNanos = new AtomicLong();

  @Override
  public String toString() {
    return ("%d tries: %d tasks (%d complete, %d blocked by failures), %d steps (%d batch workers),"
            + " %d claims, %d results in %d polls (%d duplicates, %d replayed polls), %d rounds;"
            + " %d ms claiming, %d ms processing, %d ms checking")
        .formatted(
            tries.get(),
            tasks.get(),
            complete.get(),
            blocked.get(),
            steps.get(),
            batchWorkers.get(),
            claims.get(),
            messages.get(),
            polls.get(),
            duplicates.get(),
            replays.get(),
            rounds.get(),
            claimNanos.get() / 1_000_000,
            processNanos.get() / 1_000_000,
            checkNanos.get() / 1_000_000);
  }
}
