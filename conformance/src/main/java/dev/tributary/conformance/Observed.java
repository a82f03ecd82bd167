package dev.tributary.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/** The answers read so far, by step, in the order they arrived. */
final class Observed {

  private final LongSupplier nanoTime;
  private final List<Answer> all = new ArrayList<>();
  private final Map<UUID, List<Answer>> byStep = new HashMap<>();
  private final Map<UUID, Long> firstFinalAt = new HashMap<>();

  Observed(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  void add(Answer answer) {
    all.add(answer);
    UUID step = answer.stepId();
    if (step != null) {
      byStep.computeIfAbsent(step, t -> new ArrayList<>()).add(answer);
      if (answer.isFinal()) {
        firstFinalAt.putIfAbsent(step, nanoTime.getAsLong());
      }
    }
  }

  /** Every answer, in arrival order. */
  List<Answer> all() {
    return List.copyOf(all);
  }

  /** The answers naming the dispatch's step. */
  List<Answer> of(Sent sent) {
    return List.copyOf(byStep.getOrDefault(sent.stepId(), List.of()));
  }

  /** The final answers (success or failure) to the dispatch. */
  List<Answer> finals(Sent sent) {
    return of(sent).stream().filter(Answer::isFinal).toList();
  }

  /** Whether the dispatch's first final answer arrived at least {@code quiet} ago. */
  boolean answeredBefore(Sent sent, Duration quiet) {
    Long at = firstFinalAt.get(sent.stepId());
    return at != null && nanoTime.getAsLong() - at >= quiet.toNanos();
  }
}
