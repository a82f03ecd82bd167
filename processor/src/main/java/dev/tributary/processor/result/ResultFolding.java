package dev.tributary.processor.result;

import dev.tributary.contracts.StepResult;
import dev.tributary.store.result.ResultContext;
import dev.tributary.store.result.StepTransition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a poll's messages into per-message verdicts and at most one guarded transition per step.
 * Messages of a task share a partition, so their order here is the order the worker sent them.
 */
final class ResultFolding {

  private final Backoff backoff;
  private final OutcomeRules outcomes;

  ResultFolding(Backoff backoff, OutcomeRules outcomes) {
    this.backoff = backoff;
    this.outcomes = outcomes;
  }

  Folded fold(List<StepResult> results, Map<UUID, ResultContext> contexts, Instant now) {
    List<Verdict> verdicts = new ArrayList<>(results.size());
    Map<UUID, StepFold> folds = new LinkedHashMap<>();
    for (StepResult result : results) {
      ResultContext step = contexts.get(result.stepId());
      if (step == null) {
        verdicts.add(
            new Verdict.Rejected(
                "unknown step " + result.stepId() + " of task " + result.taskId()));
        continue;
      }
      verdicts.add(
          folds
              .computeIfAbsent(result.stepId(), id -> new StepFold(step, backoff, outcomes, now))
              .apply(result));
    }
    return new Folded(verdicts, folds);
  }

  /**
   * @param verdicts one per message, in order
   * @param folds the folded messages of each step
   */
  record Folded(List<Verdict> verdicts, Map<UUID, StepFold> folds) {
    List<StepTransition> transitions() {
      return folds.values().stream().map(StepFold::transition).flatMap(Optional::stream).toList();
    }
  }
}
