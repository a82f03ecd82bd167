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
import java.util.List;
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
    List<Edge> edges = new ArrayList<>();
    for (String name : names) {
      steps.add(new NewStep(UuidV7.generate(), name, name, "{}"));
      plan.dependencies(name).forEach(dependency -> edges.add(new Edge(dependency, name)));
    }
    return new StepCreation(step.taskId(), steps, edges);
  }

  /**
   * One worker per cursor, named {@code <worker template>_<batch id>}, after the batchable step;
   * then the batch's convergence steps (and what follows them), waiting for every worker.
   */
  private static StepCreation batch(
      ResultContext step, TemplatePlan plan, List<BatchCursor> cursors) {
    String template = plan.step(step.templateStep()).batchWorker();
    List<NewStep> steps = new ArrayList<>(cursors.size() + 4);
    List<Edge> edges = new ArrayList<>(cursors.size() * 2 + 4);
    List<String> workers = new ArrayList<>(cursors.size());
    for (BatchCursor cursor : cursors) {
      String name = template + "_" + cursor.batchId();
      workers.add(name);
      steps.add(new NewStep(UuidV7.generate(), name, template, cursor.toInputs().toString()));
      edges.add(new Edge(step.name(), name));
    }
    for (String name : CreationGroups.afterBatch(plan, step.templateStep())) {
      steps.add(new NewStep(UuidV7.generate(), name, name, "{}"));
      for (String dependency : plan.dependencies(name)) {
        if (dependency.equals(template)) {
          workers.forEach(worker -> edges.add(new Edge(worker, name)));
        } else {
          edges.add(new Edge(dependency, name));
        }
      }
    }
    return new StepCreation(step.taskId(), steps, edges);
  }
}
