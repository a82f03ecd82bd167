package dev.tributary.core.template;

/**
 * When a template step comes into existence in a task. Steps of one group are created together, by
 * the same event; this is what makes "unselected branches never exist" precise.
 */
sealed interface CreationGroup {

  /** Created with the task. */
  record Initial() implements CreationGroup {}

  /** Created when {@code decision} selects {@code branch}: the branch and what follows it. */
  record Branch(String decision, String branch) implements CreationGroup {}

  /**
   * Created by any outcome of {@code decision} that creates one of its dependencies: convergence
   * steps over several branches, and what follows them.
   */
  record AnyBranch(String decision) implements CreationGroup {}

  /** Created when {@code batchable} succeeds, whatever its batches: its convergence and after. */
  record Batch(String batchable) implements CreationGroup {}

  /** The decision or batchable step whose outcome creates this group; null for the initial one. */
  default String source() {
    return switch (this) {
      case Initial i -> "";
      case Branch b -> b.decision();
      case AnyBranch a -> a.decision();
      case Batch b -> b.batchable();
    };
  }
}
