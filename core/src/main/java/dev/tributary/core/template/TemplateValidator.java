package dev.tributary.core.template;

import dev.tributary.contracts.Limits;
import dev.tributary.contracts.NulCharacter;
import dev.tributary.contracts.Topics;
import dev.tributary.core.template.TemplateParser.Problems;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Structural checks of a template: every problem is reported, each naming the template and step.
 * The creation plan ({@link TemplatePlan}) adds the checks that need the whole DAG: cycles and
 * creation groups.
 */
final class TemplateValidator {

  static final Pattern STEP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");

  private TemplateValidator() {}

  static void validate(WorkflowTemplate template) {
    Problems problems = new Problems("template " + template.reference());
    if (!Topics.NAMESPACE.matcher(template.namespace()).matches()) {
      problems.add(null, "namespace must match " + Topics.NAMESPACE.pattern());
    }
    if (!STEP_NAME.matcher(template.name()).matches()) {
      problems.add(null, "name must match " + STEP_NAME.pattern());
    }
    if (!VERSION.matcher(template.version()).matches()) {
      problems.add(null, "version must match " + VERSION.pattern());
    }
    if (template.steps().size() > Limits.MAX_STEPS_PER_TEMPLATE) {
      problems.add(null, "has more than " + Limits.MAX_STEPS_PER_TEMPLATE + " steps");
    }
    Map<String, TemplateStep> steps = new LinkedHashMap<>();
    for (TemplateStep step : template.steps()) {
      if (steps.putIfAbsent(step.name(), step) != null) {
        problems.add(step.name(), "duplicate step name");
      }
    }
    for (TemplateStep step : template.steps()) {
      checkStep(step, steps, problems);
    }
    checkBatchWorkers(steps, problems);
    problems.throwIfAny();
  }

  private static void checkStep(
      TemplateStep step, Map<String, TemplateStep> steps, Problems problems) {
    String name = step.name();
    if (!STEP_NAME.matcher(name).matches()) {
      problems.add(name, "name must match " + STEP_NAME.pattern());
    }
    if (step.handler().isBlank()) {
      problems.add(name, "handler must not be blank");
    }
    if (NulCharacter.in(step.handler())) {
      problems.add(name, "handler contains U+0000: " + NulCharacter.RULE);
    }
    Set<String> seen = new HashSet<>();
    for (String dependency : step.dependsOn()) {
      if (!seen.add(dependency)) {
        problems.add(name, "depends on '" + dependency + "' twice");
      } else if (dependency.equals(name)) {
        problems.add(name, "depends on itself");
      } else if (!steps.containsKey(dependency)) {
        problems.add(name, "depends on unknown step '" + dependency + "'");
      } else {
        checkDependency(step, steps.get(dependency), problems);
      }
    }
    checkRetry(step, problems);
    switch (step.kind()) {
      case DECISION -> checkDecision(step, steps, problems);
      case BATCHABLE -> checkBatchable(step, steps, problems);
      case CONVERGENCE -> {
        if (step.dependsOn().isEmpty()) {
          problems.add(name, "convergence step has no dependency it could wait for");
        }
      }
      case BATCH_WORKER -> {
        if (!step.dependsOn().isEmpty()) {
          problems.add(
              name,
              "batch_worker template must not declare depends_on; its batchable step runs first");
        }
      }
      case STANDARD -> {}
    }
    if (step.kind() != StepKind.DECISION && !step.branches().isEmpty()) {
      problems.add(name, "only decision steps declare branches");
    }
    if (step.kind() != StepKind.BATCHABLE && step.batchWorker() != null) {
      problems.add(name, "only batchable steps name a batch_worker");
    }
  }

  private static void checkDependency(
      TemplateStep step, TemplateStep dependency, Problems problems) {
    if (dependency.kind() == StepKind.DECISION && !dependency.branches().contains(step.name())) {
      problems.add(
          step.name(),
          "depends on decision '"
              + dependency.name()
              + "' but is not one of its declared branches "
              + dependency.branches());
    }
    if (dependency.kind() == StepKind.BATCH_WORKER && step.kind() != StepKind.CONVERGENCE) {
      problems.add(
          step.name(),
          "depends on batch_worker template '"
              + dependency.name()
              + "'; only a convergence step can wait for a batch's workers");
    }
  }

  private static void checkDecision(
      TemplateStep step, Map<String, TemplateStep> steps, Problems problems) {
    if (step.branches().isEmpty()) {
      problems.add(step.name(), "decision step declares no branches");
    }
    for (String branch : step.branches()) {
      TemplateStep target = steps.get(branch);
      if (target == null) {
        problems.add(
            step.name(), "decision branch '" + branch + "' is not a step of this template");
      } else if (!target.dependsOn().contains(step.name())) {
        problems.add(
            step.name(), "decision branch '" + branch + "' does not depend on this decision step");
      }
    }
  }

  private static void checkBatchable(
      TemplateStep step, Map<String, TemplateStep> steps, Problems problems) {
    String worker = step.batchWorker();
    if (worker == null) {
      problems.add(step.name(), "batchable step names no batch_worker template");
      return;
    }
    TemplateStep target = steps.get(worker);
    if (target == null) {
      problems.add(step.name(), "batch_worker '" + worker + "' is not a step of this template");
    } else if (target.kind() != StepKind.BATCH_WORKER) {
      problems.add(
          step.name(),
          "batch_worker '"
              + worker
              + "' is a "
              + target.kind().wireName()
              + " step, not a batch_worker");
    }
  }

  private static void checkBatchWorkers(Map<String, TemplateStep> steps, Problems problems) {
    Map<String, Integer> references = new HashMap<>();
    for (TemplateStep step : steps.values()) {
      if (step.batchWorker() != null) {
        references.merge(step.batchWorker(), 1, Integer::sum);
      }
    }
    for (TemplateStep step : steps.values()) {
      if (step.kind() == StepKind.BATCH_WORKER) {
        int count = references.getOrDefault(step.name(), 0);
        if (count != 1) {
          problems.add(
              step.name(),
              "batch_worker template must be named by exactly one batchable step, not " + count);
        }
      }
    }
  }

  private static void checkRetry(TemplateStep step, Problems problems) {
    RetryPolicy retry = step.retry();
    if (retry.maxAttempts() < 1 || retry.maxAttempts() > 100) {
      problems.add(step.name(), "max_attempts must be between 1 and 100");
    }
    if (retry.backoffMultiplier() < 1 || retry.backoffMultiplier() > 10) {
      problems.add(step.name(), "backoff multiplier must be between 1 and 10");
    }
    if (retry.jitter() < 0 || retry.jitter() > 1) {
      problems.add(step.name(), "backoff jitter must be between 0 and 1");
    }
    if (retry.backoffBase().isNegative() || retry.backoffMax().compareTo(retry.backoffBase()) < 0) {
      problems.add(step.name(), "backoff base must be >= 0 and max must be >= base");
    }
    if (retry.backoffMax().toMillis() > Integer.MAX_VALUE) {
      problems.add(step.name(), "backoff max must be under 24 days");
    }
    if (step.timeout().isNegative()
        || step.timeout().isZero()
        || step.timeout().toMillis() > Integer.MAX_VALUE) {
      problems.add(step.name(), "timeout must be positive and under 24 days");
    }
    Duration scheduleToStart = step.scheduleToStart();
    if (scheduleToStart != null
        && (scheduleToStart.isNegative()
            || scheduleToStart.isZero()
            || scheduleToStart.toMillis() > Integer.MAX_VALUE)) {
      problems.add(step.name(), "schedule_to_start must be positive and under 24 days");
    }
  }
}
