package dev.tributary.core.result;

import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.StepResult;
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
public final class ResultFolding {

  private final Backoff backoff;
  private final OutcomeRules outcomes;

  /**
   * @param backoff the delay before a failed step's next attempt
   * @param outcomes whether a success fits its step
   */
  public ResultFolding(Backoff backoff, OutcomeRules outcomes) {
    this.backoff = backoff;
    this.outcomes = outcomes;
  }

  /**
   * Folds one poll's results into a verdict per message and the transitions to apply.
   *
   * @param snapshots the steps the messages name, as loaded, by id; a step that is absent, or that
   *     belongs to another task than the message names, is unknown, and its messages are rejected
   */
  public Folded fold(List<StepResult> results, Map<UUID, StepSnapshot> snapshots, Instant now) {
    List<Verdict> verdicts = new ArrayList<>(results.size());
    Map<UUID, StepFold> folds = new LinkedHashMap<>();
    for (StepResult result : results) {
      StepSnapshot step = snapshots.get(result.stepId());
      if (step == null || !step.taskId().equals(result.taskId())) {
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

  /** A poll folded: a verdict per message, and what to apply to each step. */
  public static final class Folded {

    private final List<Verdict> verdicts;
    private final Map<UUID, StepFold> folds;

    private Folded(List<Verdict> verdicts, Map<UUID, StepFold> folds) {
      this.verdicts = List.copyOf(verdicts);
      this.folds = folds;
    }

    /** One per message, in order. */
    public List<Verdict> verdicts() {
      return verdicts;
    }

    /** The guarded transitions to apply, at most one per step. */
    public List<StepTransition> transitions() {
      return folds.values().stream().map(StepFold::transition).flatMap(Optional::stream).toList();
    }

    /** Whether the step's messages amount to a transition. */
    public boolean changes(UUID stepId) {
      StepFold fold = folds.get(stepId);
      return fold != null && fold.transition().isPresent();
    }

    /** The decision or batch outcome a success of the step carried, with the step, if any. */
    public Optional<Expanding> expansion(UUID stepId) {
      StepFold fold = folds.get(stepId);
      if (fold == null) {
        return Optional.empty();
      }
      Expansion expansion = fold.expansion();
      return expansion == null
          ? Optional.empty()
          : Optional.of(new Expanding(fold.step(), expansion));
    }
  }

  /** A step whose success carried an outcome that creates steps. */
  public record Expanding(StepSnapshot step, Expansion expansion) {}
}
