package dev.tributary.contracts;

import static dev.tributary.contracts.internal.Require.present;

import dev.tributary.contracts.internal.Require;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One batch of a batchable step's work. Its batch worker step is named {@code <worker
 * template>_<batchId>}, and its dispatch's {@link StepDispatch#inputs() inputs} are exactly this
 * cursor as JSON: {@code {"batch_id": ..., "start": ..., "end": ...}} ({@link #toInputs()}, read
 * back with {@link #fromInputs(JsonNode)}).
 *
 * <p>Cursors of a split by total and batch size ({@link Expansion.CreateBatches#cursor(long)}) have
 * item numbers for {@code start} (inclusive) and {@code end} (exclusive), and the zero-based batch
 * index for {@code batchId}, zero-padded to the width of the largest index: 24 batches are {@code
 * "00"} to {@code "23"}.
 *
 * @param batchId unique within the batchable step; letters, digits, '_' and '-'
 * @param start where the batch starts: any JSON value the worker understands but {@code null}
 * @param end where it ends, in the same terms; not {@code null}
 */
public record BatchCursor(String batchId, JsonNode start, JsonNode end) {

  public static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public BatchCursor {
    present(batchId, "batch_id");
    if (!BATCH_ID.matcher(batchId).matches()) {
      throw new IllegalArgumentException("batch_id '" + batchId + "' must match " + BATCH_ID);
    }
    Require.value(start, "start");
    Require.value(end, "end");
  }

  /** The batch worker's inputs for this batch: {@code {"batch_id", "start", "end"}}. */
  public ObjectNode toInputs() {
    ObjectNode inputs = JsonNodeFactory.instance.objectNode();
    inputs.put("batch_id", batchId);
    inputs.set("start", start);
    inputs.set("end", end);
    return inputs;
  }

  /**
   * The cursor a batch worker's inputs hold; empty when they are not a cursor: not an object, or
   * without a valid {@code batch_id} string or a non-null {@code start} and {@code end}. Other
   * fields are ignored, as readers ignore unknown fields everywhere.
   */
  public static Optional<BatchCursor> fromInputs(JsonNode inputs) {
    JsonNode batchId = inputs.get("batch_id");
    JsonNode start = inputs.get("start");
    JsonNode end = inputs.get("end");
    if (!inputs.isObject()
        || batchId == null
        || !batchId.isString()
        || !BATCH_ID.matcher(batchId.asString()).matches()
        || start == null
        || start.isNull()
        || end == null
        || end.isNull()) {
      return Optional.empty();
    }
    return Optional.of(new BatchCursor(batchId.asString(), start, end));
  }
}
