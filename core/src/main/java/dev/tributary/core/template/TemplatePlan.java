package dev.tributary.core.template;

import dev.tributary.core.template.CreationGroup.AnyBranch;
import dev.tributary.core.template.CreationGroup.Batch;
import dev.tributary.core.template.CreationGroup.Branch;
import dev.tributary.core.template.CreationGroup.Initial;
import dev.tributary.core.template.TemplateParser.Problems;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A validated template compiled for use: steps in topological order, each with its creation group
 * (see {@link CreationGroup}). Immutable; computed once per template version and cached.
 *
 * <p>A batch worker template implicitly depends on its batchable step; that edge is part of the
 * order and of the dependencies here.
 */
public final class TemplatePlan {

  /**
   * Kept here rather than in {@link CreationGroup}: an interface constant holding one of its own
   * implementations can deadlock class initialization.
   */
  private static final CreationGroup INITIAL = new Initial();

  private final WorkflowTemplate template;
  private final Map<String, TemplateStep> steps;
  private final Map<String, List<String>> dependencies;
  private final List<String> order;
  private final Map<String, CreationGroup> groups;

  private TemplatePlan(
      WorkflowTemplate template,
      Map<String, TemplateStep> steps,
      Map<String, List<String>> dependencies,
      List<String> order,
      Map<String, CreationGroup> groups) {
    this.template = template;
    this.steps = steps;
    this.dependencies = dependencies;
    this.order = order;
    this.groups = groups;
  }

  /**
   * Compiles a template that passed {@link TemplateValidator}.
   *
   * @throws InvalidTemplateException for a cycle, or a step whose dependencies are created by
   *     different outcomes
   */
  public static TemplatePlan of(WorkflowTemplate template) {
    Problems problems = new Problems("template " + template.reference());
    Map<String, TemplateStep> steps = new LinkedHashMap<>();
    template.steps().forEach(s -> steps.put(s.name(), s));
    Map<String, List<String>> dependencies = effectiveDependencies(steps);
    List<String> order = topologicalOrder(dependencies, problems);
    problems.throwIfAny();
    Map<String, CreationGroup> groups = new HashMap<>();
    for (String name : order) {
      groups.put(
          name, group(known(steps, name), known(dependencies, name), steps, groups, problems));
    }
    problems.throwIfAny();
    return new TemplatePlan(template, steps, dependencies, order, groups);
  }

  public WorkflowTemplate template() {
    return template;
  }

  public TemplateStep step(String name) {
    TemplateStep step = steps.get(name);
    if (step == null) {
      throw new IllegalArgumentException(template.reference() + " has no step '" + name + "'");
    }
    return step;
  }

  /** The steps created with a task, in topological order. */
  public List<TemplateStep> initialSteps() {
    return order.stream()
        .filter(name -> groups.get(name) instanceof Initial)
        .map(steps::get)
        .toList();
  }

  /** A step's dependencies, including a batch worker's implicit one on its batchable step. */
  public List<String> dependencies(String step) {
    return known(dependencies, step);
  }

  CreationGroup group(String step) {
    return known(groups, step);
  }

  /**
   * The decision and batchable steps whose outcomes create {@code step}, innermost first: its
   * group's source, that source's group's source, and so on; empty for a step created with the
   * task.
   */
  public List<String> sources(String step) {
    return sources(step, groups);
  }

  /** The template steps that depend on {@code step}. */
  List<String> dependents(String step) {
    return order.stream().filter(name -> known(dependencies, name).contains(step)).toList();
  }

  /** Steps in topological order. */
  List<String> order() {
    return order;
  }

  private static Map<String, List<String>> effectiveDependencies(Map<String, TemplateStep> steps) {
    Map<String, List<String>> dependencies = new HashMap<>();
    steps.values().forEach(s -> dependencies.put(s.name(), new ArrayList<>(s.dependsOn())));
    for (TemplateStep step : steps.values()) {
      String worker = step.batchWorker();
      if (worker != null) {
        known(dependencies, worker).add(step.name());
      }
    }
    dependencies.replaceAll((name, list) -> List.copyOf(list));
    return dependencies;
  }

  /** Kahn's algorithm; whatever cannot be ordered sits on or behind a cycle. */
  private static List<String> topologicalOrder(
      Map<String, List<String>> dependencies, Problems problems) {
    Map<String, Integer> unmet = new LinkedHashMap<>();
    Map<String, List<String>> children = new HashMap<>();
    dependencies.forEach(
        (name, deps) -> {
          unmet.put(name, deps.size());
          deps.forEach(d -> children.computeIfAbsent(d, k -> new ArrayList<>()).add(name));
        });
    Deque<String> ready = new ArrayDeque<>();
    unmet.forEach(
        (name, count) -> {
          if (count == 0) {
            ready.add(name);
          }
        });
    List<String> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      String name = ready.poll();
      order.add(name);
      for (String child : children.getOrDefault(name, List.of())) {
        if (unmet.merge(child, -1, Integer::sum) == 0) {
          ready.add(child);
        }
      }
    }
    if (order.size() < dependencies.size()) {
      Set<String> stuck = new TreeSet<>(dependencies.keySet());
      order.forEach(stuck::remove);
      problems.add(null, "has a dependency cycle through steps " + stuck);
    }
    return order;
  }

  private static CreationGroup group(
      TemplateStep step,
      List<String> deps,
      Map<String, TemplateStep> steps,
      Map<String, CreationGroup> groups,
      Problems problems) {
    if (step.kind() == StepKind.BATCH_WORKER) {
      return new Batch(deps.getFirst());
    }
    List<String> decisions =
        deps.stream().filter(d -> known(steps, d).kind() == StepKind.DECISION).toList();
    if (decisions.size() > 1) {
      problems.add(step.name(), "is a branch of several decisions " + decisions + "; pick one");
    }
    if (!decisions.isEmpty()) {
      // A declared branch: it exists once its decision selects it.
      String decision = decisions.getFirst();
      return requireExisting(
          step, deps, decision, groups, problems, new Branch(decision, step.name()));
    }
    Set<CreationGroup> depGroups = new LinkedHashSet<>();
    deps.forEach(dep -> depGroups.add(groups.get(dep)));
    depGroups.remove(INITIAL);
    if (depGroups.isEmpty()) {
      return INITIAL;
    }
    if (step.kind() == StepKind.CONVERGENCE) {
      return convergenceGroup(deps, steps, groups);
    }
    if (depGroups.size() > 1) {
      problems.add(
          step.name(),
          "depends on steps created by different outcomes "
              + describe(depGroups)
              + "; make it a convergence step, which waits for whichever of them exist");
      return INITIAL;
    }
    return depGroups.iterator().next();
  }

  /** A branch's other dependencies must exist whenever its decision does. */
  private static CreationGroup requireExisting(
      TemplateStep step,
      List<String> deps,
      String decision,
      Map<String, CreationGroup> groups,
      Problems problems,
      CreationGroup branch) {
    CreationGroup decisionGroup = groups.get(decision);
    for (String dep : deps) {
      CreationGroup g = known(groups, dep);
      if (!dep.equals(decision) && !(g instanceof Initial) && !g.equals(decisionGroup)) {
        problems.add(
            step.name(),
            "is a branch of decision '"
                + decision
                + "' but also depends on '"
                + dep
                + "', which may not exist when the decision is made");
      }
    }
    return branch;
  }

  /**
   * A convergence step is created by the innermost outcome that all its dependencies come from;
   * with no such outcome (dependencies from sibling decisions or batches), with the task. Until an
   * outcome creates a dependency, the step waits for the step whose outcome will (see {@link
   * CreationGroups#standIn}).
   */
  private static CreationGroup convergenceGroup(
      List<String> deps, Map<String, TemplateStep> steps, Map<String, CreationGroup> groups) {
    List<List<String>> chains =
        deps.stream()
            .filter(d -> !(groups.get(d) instanceof Initial))
            .map(d -> sources(d, groups))
            .toList();
    for (String source : chains.getFirst()) {
      if (chains.stream().allMatch(chain -> chain.contains(source))) {
        return known(steps, source).kind() == StepKind.BATCHABLE
            ? new Batch(source)
            : new AnyBranch(source);
      }
    }
    return INITIAL;
  }

  /** The steps whose outcomes create {@code step}, innermost first; empty for an initial step. */
  private static List<String> sources(String step, Map<String, CreationGroup> groups) {
    List<String> sources = new ArrayList<>();
    for (CreationGroup group = known(groups, step);
        !(group instanceof Initial);
        group = known(groups, group.source())) {
      sources.add(group.source());
    }
    return sources;
  }

  /**
   * A step's entry in one of the plan's maps. Each holds every step of the template (a validated
   * template's dependencies and batch workers name its own steps, and groups are computed in
   * topological order), so a missing entry means the name is not a step of this template.
   */
  private static <V> V known(Map<String, V> map, String step) {
    V value = map.get(step);
    if (value == null) {
      throw new IllegalArgumentException("the template has no step '" + step + "'");
    }
    return value;
  }

  private static String describe(Collection<CreationGroup> groups) {
    return groups.stream()
        .map(
            g ->
                switch (g) {
                  case Initial i -> "task start";
                  case Branch b -> "branch '" + b.branch() + "' of '" + b.decision() + "'";
                  case AnyBranch a -> "decision '" + a.decision() + "'";
                  case Batch b -> "batch '" + b.batchable() + "'";
                })
        .toList()
        .toString();
  }
}
