package dev.tributary.conformance;

import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.contracts.UuidV7;
import dev.tributary.core.template.TemplateStep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Makes the kit's dispatches: one new task per dispatch, as the scheduler would send it. */
final class Dispatches {

  /** Time a worker has to start a dispatch: the whole run, and then some. */
  static final Duration DEADLINE = Duration.ofMinutes(10);

  /** How long an attempt may run once started, unless a rule says otherwise. */
  static final long TIMEOUT_MS = 60_000;

  static final JsonMapper JSON = JsonMapper.builder().build();

  private static final JsonCodec<StepDispatch> CODEC = JsonCodec.of(StepDispatch.class);

  private final KitTemplate template;
  private final String namespace;
  private final Clock clock;

  Dispatches(KitTemplate template, String namespace, Clock clock) {
    this.template = template;
    this.namespace = namespace;
    this.clock = clock;
  }

  /** A first attempt of the template's step, with these inputs. */
  Sent of(String step, ObjectNode inputs) {
    return of(step, template.step(step).handler(), inputs, 1, null, deadline(), TIMEOUT_MS);
  }

  /** A first attempt of the template's step with its handler replaced. */
  Sent withHandler(String step, String handler) {
    return of(step, handler, object(), 1, null, deadline(), TIMEOUT_MS).notRun();
  }

  /** A later attempt that resumes from a checkpoint. */
  Sent retryOf(String step, ObjectNode inputs, int attempt, JsonNode checkpoint) {
    return of(
        step, template.step(step).handler(), inputs, attempt, checkpoint, deadline(), TIMEOUT_MS);
  }

  /** A first attempt with its own deadline and timeout. */
  Sent timed(String step, ObjectNode inputs, Instant deadline, long timeoutMs) {
    return of(step, template.step(step).handler(), inputs, 1, null, deadline, timeoutMs);
  }

  Instant now() {
    return clock.instant();
  }

  private Instant deadline() {
    return clock.instant().plus(DEADLINE);
  }

  private Sent of(
      String stepName,
      String handler,
      ObjectNode inputs,
      int attempt,
      @Nullable JsonNode checkpoint,
      Instant deadline,
      long timeoutMs) {
    TemplateStep step = template.step(stepName);
    StepDispatch dispatch =
        new StepDispatch(
            StepDispatch.SCHEMA_VERSION,
            UuidV7.generate(),
            UuidV7.generate(),
            step.name(),
            attempt,
            Math.max(attempt, step.retry().maxAttempts()),
            namespace,
            handler,
            object().put("kit", "tributary-conformance"),
            inputs,
            checkpoint,
            Map.of(),
            0,
            null,
            deadline,
            timeoutMs);
    ObjectNode json = (ObjectNode) JSON.readTree(CODEC.encode(dispatch));
    return new Sent(
        dispatch.taskId(), dispatch.stepId(), attempt, json, Traceparent.random(), true);
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }
}
