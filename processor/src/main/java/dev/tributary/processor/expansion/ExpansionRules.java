package dev.tributary.processor.expansion;

import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.Outcome;
import dev.tributary.processor.template.TemplateCatalog;
import dev.tributary.processor.template.TemplateStep;
import dev.tributary.store.result.ResultContext;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether a success outcome fits its step: the outcome's type fits the step's kind, a decision
 * names only declared branches, a batch split stays within the limit. An outcome that does not fit
 * fails its step permanently with the reason.
 */
@Component
public class ExpansionRules {

  private final TemplateCatalog templates;
  private final ExpansionProperties properties;

  ExpansionRules(TemplateCatalog templates, ExpansionProperties properties) {
    this.templates = templates;
    this.properties = properties;
  }

  /** Why this success cannot be applied to this step; empty when it can. */
  public Optional<String> invalidReason(ResultContext step, Outcome.Succeeded success) {
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

  private Optional<String> undeclaredBranches(ResultContext step, List<String> names) {
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
                + (undeclared.size() == 1 ? "is not one" : "are not")
                + " of its declared branches "
                + decision.branches());
  }

  private Optional<String> tooManyBatches(ResultContext step, Expansion.CreateBatches batches) {
    long count = batches.batchCount();
    return count <= properties.maxBatches()
        ? Optional.empty()
        : Optional.of(
            "batchable step '"
                + step.name()
                + "' asked for "
                + count
                + " batches; the limit is "
                + properties.maxBatches()
                + " (tributary.expansion.max-batches)");
  }

  private TemplateStep template(ResultContext step) {
    return templates.byId(step.namedTaskId(), step.templateJson()).plan().step(step.templateStep());
  }

  private static Optional<String> kindMismatch(ResultContext step, Expansion expansion) {
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
