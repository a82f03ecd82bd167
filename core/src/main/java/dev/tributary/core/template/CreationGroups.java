package dev.tributary.core.template;

import dev.tributary.core.template.CreationGroup.AnyBranch;
import dev.tributary.core.template.CreationGroup.Batch;
import dev.tributary.core.template.CreationGroup.Branch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which template steps an outcome creates, in topological order:
 *
 * <ul>
 *   <li>a decision selecting branches creates those branches and what follows them up to the next
 *       decision; then each convergence step over its branches that has at least one dependency
 *       created, and the steps after it whose dependencies were all created;
 *   <li>a batchable step creates (besides its workers) its convergence steps and what follows them,
 *       even with no batches at all: "no batches" goes straight to convergence.
 * </ul>
 */
public final class CreationGroups {

  private CreationGroups() {}

  /** The template steps created when {@code decision} selects {@code branches}. */
  public static List<String> selectedBranches(
      TemplatePlan plan, String decision, List<String> branches) {
    Set<String> created = new HashSet<>();
    List<String> ordered = new ArrayList<>();
    for (String name : plan.order()) {
      CreationGroup group = plan.group(name);
      boolean create =
          switch (group) {
            case Branch b -> b.decision().equals(decision) && branches.contains(b.branch());
            case AnyBranch a when a.decision().equals(decision) ->
                plan.step(name).kind() == StepKind.CONVERGENCE
                    ? plan.dependencies(name).stream().anyMatch(d -> reachable(plan, d, created))
                    : plan.dependencies(name).stream()
                        .filter(d -> plan.group(d).source().equals(decision))
                        .allMatch(created::contains);
            default -> false;
          };
      if (create) {
        created.add(name);
        ordered.add(name);
      }
    }
    return ordered;
  }

  /**
   * What a step depends on in place of {@code dependency}, given the template steps an outcome (or
   * the task's creation) creates: the dependency itself when it is created now, or exists already,
   * or never will (then it has no edge: convergence waits only for what exists); otherwise the
   * innermost step created now whose outcome will create it, a stand-in until that outcome hands
   * the edge over to what it creates.
   */
  public static String standIn(TemplatePlan plan, String dependency, Set<String> created) {
    if (created.contains(dependency)) {
      return dependency;
    }
    return plan.sources(dependency).stream()
        .filter(created::contains)
        .findFirst()
        .orElse(dependency);
  }

  /**
   * Steps outside {@code created} that depend on something created now, or on something a step
   * created now will create: if they exist (created earlier, waiting on a stand-in), they get edges
   * from what is created now.
   */
  public static List<String> dependentsOutside(TemplatePlan plan, Set<String> created) {
    return plan.order().stream()
        .filter(name -> !created.contains(name))
        .filter(name -> plan.dependencies(name).stream().anyMatch(d -> reachable(plan, d, created)))
        .toList();
  }

  private static boolean reachable(TemplatePlan plan, String dependency, Set<String> created) {
    return created.contains(dependency)
        || plan.sources(dependency).stream().anyMatch(created::contains);
  }

  /** The template steps created after {@code batchable}, its worker template excepted. */
  public static List<String> afterBatch(TemplatePlan plan, String batchable) {
    String workers = plan.step(batchable).batchWorker();
    return plan.order().stream()
        .filter(name -> plan.group(name) instanceof Batch b && b.batchable().equals(batchable))
        .filter(name -> !name.equals(workers))
        .toList();
  }

  /**
   * The dependencies, by name, of the template steps created now and of the existing steps that
   * depend on what is created now (they waited on a stand-in until now). A template in {@code
   * instances} (a batch worker template) stands for its instances.
   */
  public static List<Dependency> edges(
      TemplatePlan plan, Set<String> created, Map<String, List<String>> instances) {
    Set<Dependency> edges = new LinkedHashSet<>();
    List<String> targets =
        new ArrayList<>(plan.order().stream().filter(created::contains).toList());
    targets.addAll(dependentsOutside(plan, created));
    for (String target : targets) {
      if (instances.containsKey(target)) {
        continue;
      }
      for (String dependency : plan.dependencies(target)) {
        String from = standIn(plan, dependency, created);
        instances
            .getOrDefault(from, List.of(from))
            .forEach(name -> edges.add(new Dependency(name, target)));
      }
    }
    return List.copyOf(edges);
  }

  /** {@code to} depends on {@code from}. */
  public record Dependency(String from, String to) {}
}
