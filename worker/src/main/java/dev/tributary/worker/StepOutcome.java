package dev.tributary.worker;

import dev.tributary.contracts.BatchCursor;
import dev.tributary.contracts.Expansion;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What a successful attempt returns: the step's result, handed to the steps that depend on it, and
 * for decision and batchable steps the steps to create at run time.
 *
 * <pre>{@code
 * return StepOutcome.success(result);               // a standard step
 * return StepOutcome.decide("express_shipping");   // a decision step
 * return StepOutcome.split(totalRows, 1_000);       // a batchable step
 * return StepOutcome.noBatches().withResult(summary);
 * }</pre>
 *
 * @param result the step's result; JSON {@code null} when it has none
 * @param expansion the steps to create, for decision and batchable steps; null for other steps
 */
public record StepOutcome(JsonNode result, @Nullable Expansion expansion) {

  public StepOutcome {
    result = result == null ? JsonNodeFactory.instance.nullNode() : result;
  }

  /** Success with no result. */
  public static StepOutcome success() {
    return new StepOutcome(JsonNodeFactory.instance.nullNode(), null);
  }

  /** Success with a result. */
  public static StepOutcome success(JsonNode result) {
    return new StepOutcome(Objects.requireNonNull(result, "result"), null);
  }

  /**
   * A decision step's choice: create these of its declared branches (and what follows them).
   *
   * @param stepNames one or more branch step names; use {@link #noBranches()} to choose none
   */
  public static StepOutcome decide(String... stepNames) {
    return decide(List.of(stepNames));
  }

  /**
   * A decision step's choice: create these of its declared branches (and what follows them).
   *
   * @param stepNames one or more branch step names; use {@link #noBranches()} to choose none
   */
  public static StepOutcome decide(List<String> stepNames) {
    if (stepNames.isEmpty()) {
      throw new IllegalArgumentException(
          "a decision needs at least one branch; return StepOutcome.noBranches() to create none");
    }
    return new StepOutcome(
        JsonNodeFactory.instance.nullNode(), new Expansion.CreateSteps(stepNames));
  }

  /** A decision step's choice: create no branch. */
  public static StepOutcome noBranches() {
    return new StepOutcome(JsonNodeFactory.instance.nullNode(), new Expansion.NoBranches());
  }

  /**
   * A batchable step's split into explicit batches; one batch worker step is created per cursor.
   *
   * @param cursors one or more cursors; use {@link #noBatches()} when there is nothing to do
   */
  public static StepOutcome batches(List<BatchCursor> cursors) {
    if (cursors.isEmpty()) {
      throw new IllegalArgumentException(
          "batches need at least one cursor; return StepOutcome.noBatches() when there is no work");
    }
    return new StepOutcome(
        JsonNodeFactory.instance.nullNode(), Expansion.CreateBatches.of(cursors));
  }

  /**
   * A batchable step's split by size: the processor cuts {@code totalItems} into batches of {@code
   * batchSize}, cursors {@code [start, end)}.
   */
  public static StepOutcome split(long totalItems, int batchSize) {
    return new StepOutcome(
        JsonNodeFactory.instance.nullNode(), Expansion.CreateBatches.split(totalItems, batchSize));
  }

  /** A batchable step's split: nothing to do; the flow goes straight to convergence. */
  public static StepOutcome noBatches() {
    return new StepOutcome(JsonNodeFactory.instance.nullNode(), new Expansion.NoBatches());
  }

  /** This outcome with the given result, e.g. a decision that also reports what it saw. */
  public StepOutcome withResult(JsonNode result) {
    return new StepOutcome(Objects.requireNonNull(result, "result"), expansion);
  }
}
