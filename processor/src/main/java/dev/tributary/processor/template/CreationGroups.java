package dev.tributary.processor.template;

import dev.tributary.processor.template.CreationGroup.AnyBranch;
import dev.tributary.processor.template.CreationGroup.Batch;
import dev.tributary.processor.template.CreationGroup.Branch;
import dev.tributary.store.StepKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
                    ? plan.dependencies(name).stream().anyMatch(created::contains)
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

  /** The template steps created after {@code batchable}, its worker template excepted. */
  public static List<String> afterBatch(TemplatePlan plan, String batchable) {
    String workers = plan.step(batchable).batchWorker();
    return plan.order().stream()
        .filter(name -> plan.group(name) instanceof Batch b && b.batchable().equals(batchable))
        .filter(name -> !name.equals(workers))
        .toList();
  }
}
