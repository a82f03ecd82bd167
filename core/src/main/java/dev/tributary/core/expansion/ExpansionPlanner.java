package dev.tributary.core.expansion;

import dev.tributary.contracts.BatchCursor;
import dev.tributary.contracts.Expansion;
import dev.tributary.core.expansion.StepCreation.Edge;
import dev.tributary.core.expansion.StepCreation.NewStep;
import dev.tributary.core.result.StepSnapshot;
import dev.tributary.core.template.CreationGroups;
import dev.tributary.core.template.TemplatePlan;
import dev.tributary.core.template.TemplatePlans;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The steps a decision or batch outcome creates, with their dependencies by name, from the step's
 * compiled template (cached; no query). Which template steps an outcome creates is decided by the
 * template's creation groups; see {@link CreationGroups}.
 */
public final class ExpansionPlanner {

  private final TemplatePlans templates;
  private final Supplier<UUID> ids;

  /**
   * @param ids new step ids (time-ordered UUIDs in the services)
   */
  public ExpansionPlanner(TemplatePlans templates, Supplier<UUID> ids) {
    this.templates = templates;
    this.ids = ids;
  }

  /** What the outcome creates; nothing for {@code no_branches}. */
  public StepCreation plan(StepSnapshot step, Expansion expansion) {
    TemplatePlan plan = templates.plan(step.namedTaskId(), step.templateJson());
    return switch (expansion) {
      case Expansion.CreateSteps create ->
          templateSteps(
              step,
              plan,
              CreationGroups.selectedBranches(plan, step.templateStep(), create.stepNames()));
      case Expansion.NoBranches none -> new StepCreation(step.taskId(), List.of(), List.of());
      case Expansion.CreateBatches batches -> batch(step, plan, cursors(batches));
      case Expansion.NoBatches none -> batch(step, plan, List.of());
    };
  }

  private static List<BatchCursor> cursors(Expansion.CreateBatches batches) {
    List<BatchCursor> cursors = new ArrayList<>(Math.toIntExact(batches.batchCount()));
    for (long i = 0; i < batches.batchCount(); i++) {
      cursors.add(batches.cursor(i));
    }
    return cursors;
  }

  private StepCreation templateSteps(StepSnapshot step, TemplatePlan plan, List<String> names) {
    List<NewStep> steps = new ArrayList<>(names.size());
    for (String name : names) {
      steps.add(new NewStep(ids.get(), name, name, "{}"));
    }
    return new StepCreation(step.taskId(), steps, edges(plan, Set.copyOf(names), Map.of()));
  }

  /**
   * One worker per cursor, named {@code <worker template>_<batch id>}, after the batchable step;
   * then the batch's convergence steps (and what follows them), waiting for every worker.
   */
  private StepCreation batch(StepSnapshot step, TemplatePlan plan, List<BatchCursor> cursors) {
    String template =
        Objects.requireNonNull(
            plan.step(step.templateStep()).batchWorker(),
            () -> "batchable step '" + step.templateStep() + "' has no batch_worker");
    List<String> after = CreationGroups.afterBatch(plan, step.templateStep());
    List<NewStep> steps = new ArrayList<>(cursors.size() + after.size());
    List<String> workers = new ArrayList<>(cursors.size());
    for (BatchCursor cursor : cursors) {
      String name = template + "_" + cursor.batchId();
      workers.add(name);
      steps.add(new NewStep(ids.get(), name, template, cursor.toInputs().toString()));
    }
    after.forEach(name -> steps.add(new NewStep(ids.get(), name, name, "{}")));
    Set<String> created = new HashSet<>(after);
    created.add(template);
    Set<Edge> edges = new LinkedHashSet<>();
    workers.forEach(worker -> edges.add(new Edge(step.name(), worker)));
    edges.addAll(edges(plan, created, Map.of(template, workers)));
    return new StepCreation(step.taskId(), steps, List.copyOf(edges));
  }

  private static List<Edge> edges(
      TemplatePlan plan, Set<String> created, Map<String, List<String>> instances) {
    return CreationGroups.edges(plan, created, instances).stream()
        .map(e -> new Edge(e.from(), e.to()))
        .toList();
  }
}
