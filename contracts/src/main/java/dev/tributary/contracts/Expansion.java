package dev.tributary.contracts;

import static dev.tributary.contracts.internal.Require.present;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

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

  /**
   * A decision's choice: create these declared branches (and what follows them).
   *
   * @param stepNames one or more distinct branch names; {@link NoBranches} chooses none
   */
  record CreateSteps(List<String> stepNames) implements Expansion {
    public CreateSteps {
      present(stepNames, "step_names");
      if (stepNames.isEmpty()) {
        throw new IllegalArgumentException(
            "step_names is empty; use no_branches to create no branch");
      }
      Set<String> seen = new HashSet<>();
      for (String name : stepNames) {
        if (name.isBlank()) {
          throw new IllegalArgumentException("step_names must not contain a blank name");
        }
        if (!seen.add(name)) {
          throw new IllegalArgumentException("step_names names '" + name + "' more than once");
        }
      }
      stepNames = List.copyOf(stepNames);
    }
  }

  /** A decision's choice: create no branch. */
  record NoBranches() implements Expansion {}

  /**
   * A batchable step's split: either explicit cursors, or a total and a batch size that the
   * processor splits into cursors {@code [start, end)}. The processor creates one batch worker step
   * per cursor ({@link #batchCount()}, {@link #cursor(long)}), whose inputs are that cursor.
   *
   * @param cursors one or more cursors with distinct batch ids (each names a step {@code <worker
   *     template>_<batch_id>}); {@link NoBatches} when there is nothing to do. Not with the others.
   * @param totalItems with {@code batchSize}: how many items there are in all
   * @param batchSize with {@code totalItems}: how many items one batch takes
   */
  record CreateBatches(
      @Nullable List<BatchCursor> cursors, @Nullable Long totalItems, @Nullable Integer batchSize)
      implements Expansion {

    public CreateBatches {
      if (cursors != null) {
        if (totalItems != null || batchSize != null) {
          throw new IllegalArgumentException(
              "create_batches takes either cursors or total_items and batch_size, not both");
        }
        cursors = distinct(cursors);
      } else if (totalItems == null || batchSize == null) {
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

    private static List<BatchCursor> distinct(List<BatchCursor> cursors) {
      if (cursors.isEmpty()) {
        throw new IllegalArgumentException(
            "cursors is empty; use no_batches when there is nothing to do");
      }
      Set<String> batchIds = new HashSet<>();
      for (int i = 0; i < cursors.size(); i++) {
        BatchCursor cursor = cursors.get(i);
        if (cursor == null) {
          throw new IllegalArgumentException(
              "cursors[" + i + "] is null; a cursor is an object with batch_id, start and end");
        }
        if (!batchIds.add(cursor.batchId())) {
          throw new IllegalArgumentException(
              "batch_id '"
                  + cursor.batchId()
                  + "' appears more than once in cursors; batch ids must be unique because each"
                  + " names a step <worker template>_<batch_id>");
        }
      }
      return List.copyOf(cursors);
    }

    /** How many batch worker steps this split creates: one per cursor. */
    public long batchCount() {
      if (cursors != null) {
        return cursors.size();
      }
      long total = Objects.requireNonNull(totalItems);
      int size = Objects.requireNonNull(batchSize);
      return total / size + (total % size == 0 ? 0 : 1);
    }

    /**
     * The cursor of batch {@code index} (from 0 to {@link #batchCount()} - 1): the explicit cursor,
     * or for a split by total and batch size, items {@code [index * batch_size, min(total_items,
     * (index + 1) * batch_size))} with the index as batch id, zero-padded to the width of the
     * largest index (24 batches: {@code "00"} to {@code "23"}).
     */
    public BatchCursor cursor(long index) {
      long count = batchCount();
      if (index < 0 || index >= count) {
        throw new IndexOutOfBoundsException(
            "batch " + index + " of a split into " + count + " batches");
      }
      if (cursors != null) {
        return cursors.get((int) index);
      }
      long total = Objects.requireNonNull(totalItems);
      int size = Objects.requireNonNull(batchSize);
      long start = index * size;
      long end = start + Math.min(size, total - start);
      int width = Long.toString(count - 1).length();
      String batchId = String.format(Locale.ROOT, "%0" + width + "d", index);
      return new BatchCursor(batchId, itemNumber(start), itemNumber(end));
    }

    /** An item number as the JSON node a reader of it gets: an int node when it fits. */
    private static JsonNode itemNumber(long number) {
      return number == (int) number
          ? JsonNodeFactory.instance.numberNode((int) number)
          : JsonNodeFactory.instance.numberNode(number);
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
