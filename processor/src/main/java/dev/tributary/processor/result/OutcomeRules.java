package dev.tributary.processor.result;

import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.Outcome;
import dev.tributary.store.result.ResultContext;
import java.util.Optional;

/**
 * Whether a success outcome fits its step: decision steps must say which branches to create,
 * batchable steps how to split their work, other steps must not create steps. An outcome that does
 * not fit fails the step permanently with the reason, instead of crashing or being ignored.
 */
interface OutcomeRules {

  /** Why this success cannot be applied to this step; empty when it can. */
  Optional<String> invalidReason(ResultContext step, Outcome.Succeeded success);

  /** The rules on the expansion's type alone, without the template. */
  static Optional<String> kindMismatch(ResultContext step, Outcome.Succeeded success) {
    Expansion expansion = success.expansion();
    return switch (step.kind()) {
      case DECISION ->
          expansion instanceof Expansion.CreateSteps || expansion instanceof Expansion.NoBranches
              ? Optional.empty()
              : Optional.of(
                  "decision step '"
                      + step.name()
                      + "' must return create_steps or no_branches, not "
                      + describe(expansion));
      case BATCHABLE ->
          expansion instanceof Expansion.CreateBatches || expansion instanceof Expansion.NoBatches
              ? Optional.empty()
              : Optional.of(
                  "batchable step '"
                      + step.name()
                      + "' must return create_batches or no_batches, not "
                      + describe(expansion));
      default ->
          expansion == null
              ? Optional.empty()
              : Optional.of(
                  step.kind().wireName()
                      + " step '"
                      + step.name()
                      + "' cannot create steps; it returned "
                      + describe(expansion));
    };
  }

  private static String describe(Expansion expansion) {
    return switch (expansion) {
      case null -> "no expansion";
      case Expansion.CreateSteps c -> "create_steps";
      case Expansion.NoBranches n -> "no_branches";
      case Expansion.CreateBatches c -> "create_batches";
      case Expansion.NoBatches n -> "no_batches";
    };
  }
}
