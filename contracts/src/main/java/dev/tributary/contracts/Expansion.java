package dev.tributary.contracts;

import static dev.tributary.contracts.internal.Require.present;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The steps a decision or batchable step creates at run time, carried in its success outcome. On
 * the wire, an object whose {@code type} is {@code create_steps}, {@code no_branches}, {@code
 * create_batches} or {@code no_batches}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Expansion.CreateSteps.class, name = "create_steps"),
  @JsonSubTypes.Type(value = Expansion.NoBranches.class, name = "no_branches"),
  @JsonSubTypes.Type(value = Expansion.CreateBatches.class, name = "create_batches"),
  @JsonSubTypes.Type(value = Expansion.NoBatches.class, name = "no_batches")
})
public sealed interface Expansion {

  /** A decision's choice: create these declared branches (and what follows them). */
  record CreateSteps(List<String> stepNames) implements Expansion {
    public CreateSteps {
      stepNames = List.copyOf(present(stepNames, "step_names"));
    }
  }

  /** A decision's choice: create no branch. */
  record NoBranches() implements Expansion {}

  /**
   * A batchable step's split: either explicit cursors, or a total and a batch size that the
   * processor splits into cursors {@code [start, end)}.
   */
  record CreateBatches(
      @Nullable List<BatchCursor> cursors, @Nullable Long totalItems, @Nullable Integer batchSize)
      implements Expansion {

    public CreateBatches {
      cursors = cursors == null ? null : List.copyOf(cursors);
      if ((cursors == null) == (totalItems == null || batchSize == null)) {
        throw new IllegalArgumentException(
            "create_batches needs either cursors or both total_items and batch_size");
      }
      if (totalItems != null && totalItems < 0) {
        throw new IllegalArgumentException("total_items must not be negative");
      }
      if (batchSize != null && batchSize < 1) {
        throw new IllegalArgumentException("batch_size must be at least 1");
      }
    }

    public static CreateBatches of(List<BatchCursor> cursors) {
      return new CreateBatches(cursors, null, null);
    }

    public static CreateBatches split(long totalItems, int batchSize) {
      return new CreateBatches(null, totalItems, batchSize);
    }
  }

  /** A batchable step's split: nothing to do; go straight to convergence. */
  record NoBatches() implements Expansion {}
}
