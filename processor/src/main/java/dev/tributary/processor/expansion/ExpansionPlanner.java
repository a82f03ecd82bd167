package dev.tributary.processor.expansion;

import dev.tributary.contracts.BatchCursor;
import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.UuidV7;
import dev.tributary.processor.template.CreationGroups;
import dev.tributary.processor.template.TemplateCatalog;
import dev.tributary.processor.template.TemplatePlan;
import dev.tributary.store.expansion.StepCreation;
import dev.tributary.store.expansion.StepCreation.Edge;
import dev.tributary.store.expansion.StepCreation.NewStep;
import dev.tributary.store.result.ResultContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The steps a decision or batch outcome creates, with their dependencies by name, from the step's
 * compiled template (cached; no query). Which template steps an outcome creates is decided by the
 * template's creation groups; see {@link CreationGroups}.
 */
@Component
public class ExpansionPlanner {

  private final TemplateCatalog templates;

  ExpansionPlanner(TemplateCatalog templates) {
    this.templates = templates;
  }

  /** What the outcome creates; nothing for {@code no_branches}. */
  public StepCreation plan(ResultContext step, Expansion expansion) {
    TemplatePlan plan = templates.byId(step.namedTaskId(), step.templateJson()).plan();
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

  private static StepCreation templateSteps(
      ResultContext step, TemplatePlan plan, List<String> names) {
    List<NewStep> steps = new ArrayList<>(names.size());
    for (String name : names) {
      steps.add(new NewStep(UuidV7.generate(), name, name, "{}"));
    }
    return new StepCreation(step.taskId(), steps, edges(plan, Set.copyOf(names), Map.of()));
  }

  /**
   * One worker per cursor, named {@code <worker template>_<batch id>}, after the batchable step;
   * then the batch's convergence steps (and what follows them), waiting for every worker.
   */
  private static StepCreation batch(
      ResultContext step, TemplatePlan plan, List<BatchCursor> cursors) {
    String template = plan.step(step.templateStep()).batchWorker();
    List<String> after = CreationGroups.afterBatch(plan, step.templateStep());
    List<NewStep> steps = new ArrayList<>(cursors.size() + after.size());
    List<String> workers = new ArrayList<>(cursors.size());
    for (BatchCursor cursor : cursors) {
      String name = template + "_" + cursor.batchId();
      workers.add(name);
      steps.add(new NewStep(UuidV7.generate(), name, template, cursor.toInputs().toString()));
    }
    after.forEach(name -> steps.add(new NewStep(UuidV7.generate(), name, name, "{}")));
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
