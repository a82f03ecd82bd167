package dev.tributary.core.result;

import dev.tributary.contracts.Outcome;
import java.util.Optional;

/**
 * Whether a success outcome fits its step (see {@link
 * dev.tributary.core.expansion.ExpansionRules}). An outcome that does not fit fails the step
 * permanently with the reason, instead of crashing or being ignored.
 */
@FunctionalInterface
public interface OutcomeRules {

  /** Why this success cannot be applied to this step; empty when it can. */
  Optional<String> invalidReason(StepSnapshot step, Outcome.Succeeded success);
}
