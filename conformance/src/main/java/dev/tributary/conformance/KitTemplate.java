package dev.tributary.conformance;

import dev.tributary.contracts.Limits;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskState;
import dev.tributary.core.expansion.ExpansionRules;
import dev.tributary.core.result.StepSnapshot;
import dev.tributary.core.template.TemplateParser;
import dev.tributary.core.template.TemplatePlan;
import dev.tributary.core.template.TemplateStep;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * The kit's template, "registered" with the kit itself: parsed by Tributary's template parser, and
 * the judge of decision and batch outcomes with the processor's own rules.
 */
final class KitTemplate {

  static final String RESOURCE = "/conformance/conformance.yaml";

  private final TemplatePlan plan;
  private final String json;
  private final ExpansionRules rules;

  private KitTemplate(TemplatePlan plan) {
    this.plan = plan;
    this.json = TemplateParser.toJson(plan.template());
    this.rules =
        new ExpansionRules(
            (id, stored) -> plan, Limits.MAX_BATCHES_PER_OUTCOME, "max_batches_per_outcome");
  }

  /** The template for the given namespace. */
  static KitTemplate forNamespace(String namespace) {
    return new KitTemplate(
        TemplateParser.fromYaml(text().replace("NAMESPACE", namespace), RESOURCE));
  }

  /** The template's YAML as shipped, with NAMESPACE for the namespace. */
  static String text() {
    try (InputStream in = KitTemplate.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the kit's jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  TemplateStep step(String name) {
    return plan.step(name);
  }

  /** Why the processor would fail this success of the named step, if it would. */
  Optional<String> invalidReason(String stepName, Outcome.Succeeded success) {
    TemplateStep step = plan.step(stepName);
    StepSnapshot snapshot =
        new StepSnapshot(
            UUID.randomUUID(),
            UUID.randomUUID(),
            step.name(),
            step.name(),
            step.kind(),
            StepState.IN_PROGRESS,
            1,
            0,
            step.retry().maxAttempts(),
            true,
            0,
            1,
            0,
            0,
            TaskState.IN_PROGRESS,
            UUID.randomUUID(),
            json,
            0,
            (int) step.timeout().toMillis(),
            null,
            null,
            null,
            plan.template().namespace(),
            plan.template().name());
    return rules.invalidReason(snapshot, success);
  }
}
