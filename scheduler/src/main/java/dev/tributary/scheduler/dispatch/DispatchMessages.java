package dev.tributary.scheduler.dispatch;

import dev.tributary.contracts.Limits;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.contracts.TaskRequest;
import dev.tributary.contracts.Topics;
import dev.tributary.store.dispatch.ClaimedStep;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes dispatch messages, the {@link StepDispatch} wire JSON, straight from claimed steps: the
 * task context, inputs, checkpoint and dependency results are JSON as stored and go in as they are,
 * without being parsed and written again (a test holds this to the contract codec's output). Within
 * the message size limit: if the dependency results make a dispatch larger than {@link
 * Limits#MAX_DISPATCH_BYTES_WITH_DEPENDENCY_RESULTS} it goes without them (the worker is told how
 * many it lacks and reads them through the processor's API); if it is larger than {@link
 * Limits#MAX_MESSAGE_BYTES} even then, it cannot be sent.
 */
final class DispatchMessages {

  private static final JsonMapper JSON = JsonMapper.shared();

  private DispatchMessages() {}

  /**
   * The encoded dispatch, or empty if it exceeds the limit even without dependency results.
   *
   * @throws IllegalArgumentException if the stored data cannot make a valid dispatch
   */
  static Optional<byte[]> encode(ClaimedStep step) {
    validate(step);
    byte[] full = write(step, step.dependencyResultsJson(), step.dependencyResultsOmitted());
    if (full.length <= Limits.MAX_DISPATCH_BYTES_WITH_DEPENDENCY_RESULTS) {
      return Optional.of(full);
    }
    byte[] bare = write(step, "{}", step.dependencyCount());
    return bare.length <= Limits.MAX_MESSAGE_BYTES ? Optional.of(bare) : Optional.empty();
  }

  /** What the contract requires and raw writing would not check. */
  private static void validate(ClaimedStep step) {
    if (!Topics.NAMESPACE.matcher(step.namespace()).matches()) {
      throw new IllegalArgumentException(
          "namespace '" + step.namespace() + "' must match " + Topics.NAMESPACE.pattern());
    }
    requireObject(step.taskContextJson(), "task_context");
    requireObject(step.inputsJson(), "inputs");
    if (step.correlationId() != null
        && step.correlationId().length() > TaskRequest.MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "correlation_id is longer than " + TaskRequest.MAX_KEY_LENGTH + " characters");
    }
  }

  private static void requireObject(String json, String field) {
    if (!json.stripLeading().startsWith("{")) {
      throw new IllegalArgumentException(field + " must be a JSON object");
    }
  }

  private static byte[] write(ClaimedStep step, String dependencyResults, int omitted) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512 + dependencyResults.length());
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberProperty("schema_version", StepDispatch.SCHEMA_VERSION);
      json.writeStringProperty("task_id", step.taskId().toString());
      json.writeStringProperty("step_id", step.stepId().toString());
      json.writeStringProperty("step_name", step.stepName());
      json.writeNumberProperty("attempt", step.attempt());
      json.writeNumberProperty("max_attempts", step.maxAttempts());
      json.writeStringProperty("namespace", step.namespace());
      json.writeStringProperty("handler", step.handler());
      raw(json, "task_context", step.taskContextJson());
      raw(json, "inputs", step.inputsJson());
      raw(json, "checkpoint", step.checkpointJson());
      raw(json, "dependency_results", dependencyResults);
      json.writeNumberProperty("dependency_results_omitted", omitted);
      if (step.correlationId() != null) {
        json.writeStringProperty("correlation_id", step.correlationId());
      }
      json.writeStringProperty("deadline", step.deadline().toString());
      json.writeNumberProperty("timeout_ms", step.timeoutMs());
      json.writeEndObject();
    }
    return out.toByteArray();
  }

  private static void raw(JsonGenerator json, String name, @Nullable String value) {
    if (value != null) {
      json.writeName(name);
      json.writeRawValue(value);
    }
  }
}
