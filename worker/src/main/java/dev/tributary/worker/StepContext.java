package dev.tributary.worker;

import dev.tributary.contracts.BatchCursor;
import dev.tributary.contracts.StepDispatch;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One dispatched attempt of a step, as its handler sees it: what to work on, and a way to report
 * progress. Valid for the duration of the handler call.
 */
public interface StepContext {

  /** The task. */
  UUID taskId();

  /** The step. */
  UUID stepId();

  /** The step's name in its task; a batch worker's is {@code <template>_<batch id>}. */
  String stepName();

  /** The template namespace the step belongs to. */
  String namespace();

  /** The handler name the step was dispatched to. */
  String handler();

  /** This attempt's number, from 1. */
  int attempt();

  /** How many attempts the step has in all. */
  int maxAttempts();

  /** Whether a retryable failure of this attempt still ends the step. */
  default boolean isLastAttempt() {
    return attempt() >= maxAttempts();
  }

  /** The task's input, handed to every step. */
  JsonNode taskContext();

  /**
   * The step's own input, a JSON object; an empty object when it has none. A batch worker's inputs
   * are its batch cursor: see {@link #batchCursor()}.
   */
  JsonNode inputs();

  /**
   * A batch worker's batch: its {@link #inputs()} read as a {@link BatchCursor} ({@code batch_id},
   * {@code start}, {@code end}); empty for other steps. For a split by total and batch size, {@code
   * start} (inclusive) and {@code end} (exclusive) are item numbers:
   *
   * <pre>{@code
   * BatchCursor batch = context.batchCursor().orElseThrow();
   * for (long item = batch.start().asLong(); item < batch.end().asLong(); item++) { ... }
   * }</pre>
   */
  default Optional<BatchCursor> batchCursor() {
    return BatchCursor.fromInputs(inputs());
  }

  /**
   * The last checkpoint a previous attempt reported with {@link #checkpoint(JsonNode)}, to resume
   * from; empty on a first attempt or when no attempt reported one.
   */
  Optional<JsonNode> lastCheckpoint();

  /** The results of the steps this one depends on, by step name. */
  Map<String, JsonNode> dependencyResults();

  /**
   * How many dependency results the dispatch left out because the step has more dependencies than a
   * dispatch carries; read them through the processor's REST API.
   */
  int dependencyResultsOmitted();

  /** The task's correlation id, if it has one. */
  Optional<String> correlationId();

  /**
   * When this attempt is given up on: the step's timeout after the handler started. Then the
   * handler is interrupted and the attempt failed.
   */
  Instant deadline();

  /** How long until the deadline; zero once it has passed. */
  Duration timeRemaining();

  /**
   * Whether this attempt was given up on, because its deadline passed or the worker is shutting
   * down: whatever the handler returns from now on is discarded. Its thread is also interrupted.
   */
  boolean isCancelled();

  /**
   * Reports progress, e.g. a batch worker's cursor and items processed. The checkpoint is published
   * for this attempt, ahead of the attempt's result; if the step is retried, the next attempt sees
   * the last one in {@link #lastCheckpoint()}. Sent asynchronously; ignored once the attempt was
   * cancelled.
   *
   * @param checkpoint any JSON the handler understands, without the character U+0000 (which
   *     Tributary cannot store) in any string or key
   * @throws IllegalArgumentException when the checkpoint holds U+0000, naming where
   */
  void checkpoint(JsonNode checkpoint);

  /** The dispatch message itself, for fields this interface does not surface. */
  StepDispatch dispatch();
}
