package dev.tributary.worker.internal;

import dev.tributary.worker.WorkerCounters;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The live counts behind {@link WorkerCounters}; updated from any thread. */
final class Counters {

  final LongAdder received = new LongAdder();
  final LongAdder invalid = new LongAdder();
  final LongAdder unknownHandlers = new LongAdder();
  final LongAdder expired = new LongAdder();
  final LongAdder succeeded = new LongAdder();
  final LongAdder failed = new LongAdder();
  final LongAdder deadlinesExceeded = new LongAdder();
  final LongAdder checkpoints = new LongAdder();
  final LongAdder givenBack = new LongAdder();
  final AtomicInteger inFlight = new AtomicInteger();

  WorkerCounters snapshot() {
    return new WorkerCounters(
        received.sum(),
        invalid.sum(),
        unknownHandlers.sum(),
        expired.sum(),
        succeeded.sum(),
        failed.sum(),
        deadlinesExceeded.sum(),
        checkpoints.sum(),
        givenBack.sum(),
        inFlight.get());
  }
}
