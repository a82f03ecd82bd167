package dev.tributary.processor.result;

import dev.tributary.contracts.Outcome;
import dev.tributary.store.result.ResultContext;
import java.util.Optional;

/**
 * Whether a success outcome fits its step (see {@link
 * dev.tributary.processor.expansion.ExpansionRules}). An outcome that does not fit fails the step
 * permanently with the reason, instead of crashing or being ignored.
 */
@FunctionalInterface
interface OutcomeRules {

  /** Why this success cannot be applied to this step; empty when it can. */
  Optional<String> invalidReason(ResultContext step, Outcome.Succeeded success);
}
