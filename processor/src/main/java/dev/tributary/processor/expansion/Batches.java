package dev.tributary.processor.expansion;

import dev.tributary.contracts.BatchCursor;
import dev.tributary.contracts.Expansion;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The cursors of a batch outcome: the worker's own, or {@code [start, end)} item ranges of a total
 * split by batch size, with zero-based batch ids zero-padded to the width of the largest.
 */
final class Batches {

  private Batches() {}

  static long count(long totalItems, int batchSize) {
    return (totalItems + batchSize - 1) / batchSize;
  }

  static List<BatchCursor> cursors(Expansion.CreateBatches batches) {
    if (batches.cursors() != null) {
      return batches.cursors();
    }
    long total = batches.totalItems();
    int size = batches.batchSize();
    int count = Math.toIntExact(count(total, size));
    int width = String.valueOf(Math.max(0, count - 1)).length();
    List<BatchCursor> cursors = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long start = (long) i * size;
      cursors.add(
          new BatchCursor(
              String.format("%0" + width + "d", i),
              JsonNodeFactory.instance.numberNode(start),
              JsonNodeFactory.instance.numberNode(Math.min(total, start + size))));
    }
    return cursors;
  }
}
