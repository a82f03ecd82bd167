package dev.tributary.scheduler.dispatch;

import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.store.dispatch.ClaimedStep;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds dispatch messages from claimed steps, within the message size limit: if the dependency
 * results make a dispatch too large, it goes without them (the worker is told how many it has and
 * reads them through the processor's API); if it is too large even then, it cannot be sent.
 */
final class DispatchMessages {

  private static final JsonCodec<StepDispatch> CODEC = JsonCodec.of(StepDispatch.class);
  private static final JsonMapper JSON = JsonMapper.shared();

  private DispatchMessages() {}

  /** The encoded dispatch, or empty if it exceeds the limit even without dependency results. */
  static Optional<byte[]> encode(ClaimedStep step) {
    Map<String, JsonNode> dependencies = new LinkedHashMap<>();
    JSON.readTree(step.dependencyResultsJson())
        .properties()
        .forEach(entry -> dependencies.put(entry.getKey(), entry.getValue()));
    byte[] full =
        CODEC.encode(dispatch(step, dependencies, step.dependencyCount() - dependencies.size()));
    if (full.length <= JsonCodec.MAX_MESSAGE_BYTES) {
      return Optional.of(full);
    }
    byte[] bare = CODEC.encode(dispatch(step, Map.of(), step.dependencyCount()));
    return bare.length <= JsonCodec.MAX_MESSAGE_BYTES ? Optional.of(bare) : Optional.empty();
  }

  private static StepDispatch dispatch(
      ClaimedStep step, Map<String, JsonNode> dependencies, int omitted) {
    return new StepDispatch(
        StepDispatch.SCHEMA_VERSION,
        step.taskId(),
        step.stepId(),
        step.stepName(),
        step.attempt(),
        step.maxAttempts(),
        step.namespace(),
        step.handler(),
        JSON.readTree(step.taskContextJson()),
        JSON.readTree(step.inputsJson()),
        step.checkpointJson() == null ? null : JSON.readTree(step.checkpointJson()),
        dependencies,
        omitted,
        step.correlationId(),
        step.deadline());
  }
}
