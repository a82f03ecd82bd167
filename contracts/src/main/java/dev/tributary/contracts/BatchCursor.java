package dev.tributary.contracts;

import static dev.tributary.contracts.internal.Require.present;

import dev.tributary.contracts.internal.Require;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One batch of a batchable step's work. Its worker step is named {@code <worker
 * template>_<batchId>} and receives the cursor as input.
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
}
