package dev.tributary.core.expansion;

import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.Outcome;
import dev.tributary.core.result.OutcomeRules;
import dev.tributary.core.result.StepSnapshot;
import dev.tributary.core.template.TemplatePlans;
import dev.tributary.core.template.TemplateStep;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether a success outcome fits its step: the outcome's type fits the step's kind, a decision
 * names only declared branches, a batch split stays within the limit. An outcome that does not fit
 * fails its step permanently with the reason.
 */
public final class ExpansionRules implements OutcomeRules {

  private final TemplatePlans templates;
  private final int maxBatches;
  private final String maxBatchesName;

  /**
   * @param maxBatches the most batches one outcome may create
   * @param maxBatchesName where that limit is set, for the reason
   */
  public ExpansionRules(TemplatePlans templates, int maxBatches, String maxBatchesName) {
    this.templates = templates;
    this.maxBatches = maxBatches;
    this.maxBatchesName = maxBatchesName;
  }

  @Override
  public Optional<String> invalidReason(StepSnapshot step, Outcome.Succeeded success) {
    Optional<String> mismatch = kindMismatch(step, success.expansion());
    if (mismatch.isPresent()) {
      return mismatch;
    }
    return switch (success.expansion()) {
      case Expansion.CreateSteps create -> undeclaredBranches(step, create.stepNames());
      case Expansion.CreateBatches batches -> tooManyBatches(step, batches);
      case null, default -> Optional.empty();
    };
  }

  private Optional<String> undeclaredBranches(StepSnapshot step, List<String> names) {
    TemplateStep decision = template(step);
    List<String> undeclared =
        names.stream().filter(name -> !decision.branches().contains(name)).toList();
    return undeclared.isEmpty()
        ? Optional.empty()
        : Optional.of(
            "decision step '"
                + step.name()
                + "' selected "
                + undeclared
                + ", which "
                + (undeclared.size() == 1 ? "is not one of" : "are not among")
                + " its declared branches "
                + decision.branches());
  }

  private Optional<String> tooManyBatches(StepSnapshot step, Expansion.CreateBatches batches) {
    long count = batches.batchCount();
    return count <= maxBatches
        ? Optional.empty()
        : Optional.of(
            "batchable step '"
                + step.name()
                + "' asked for "
                + count
                + " batches; the limit is "
                + maxBatches
                + " ("
                + maxBatchesName
                + ")");
  }

  private TemplateStep template(StepSnapshot step) {
    return templates.plan(step.namedTaskId(), step.templateJson()).step(step.templateStep());
  }

  private static Optional<String> kindMismatch(StepSnapshot step, @Nullable Expansion expansion) {
    boolean fits =
        switch (step.kind()) {
          case DECISION ->
              expansion instanceof Expansion.CreateSteps
                  || expansion instanceof Expansion.NoBranches;
          case BATCHABLE ->
              expansion instanceof Expansion.CreateBatches
                  || expansion instanceof Expansion.NoBatches;
          default -> expansion == null;
        };
    if (fits) {
      return Optional.empty();
    }
    String expected =
        switch (step.kind()) {
          case DECISION -> "must return create_steps or no_branches";
          case BATCHABLE -> "must return create_batches or no_batches";
          default -> "cannot create steps";
        };
    return Optional.of(
        step.kind().wireName()
            + " step '"
            + step.name()
            + "' "
            + expected
            + "; it returned "
            + (expansion == null ? "no expansion" : typeName(expansion)));
  }

  private static String typeName(Expansion expansion) {
    return switch (expansion) {
      case Expansion.CreateSteps c -> "create_steps";
      case Expansion.NoBranches n -> "no_branches";
      case Expansion.CreateBatches c -> "create_batches";
      case Expansion.NoBatches n -> "no_batches";
    };
  }
}
