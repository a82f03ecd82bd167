package dev.tributary.conformance;

import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * A dispatch the kit sends, as the JSON on the wire and the trace context in its header.
 *
 * @param taskId the task it belongs to, its record key; one task per scenario dispatch
 * @param stepId the step
 * @param attempt its attempt number
 * @param json the record's value
 * @param traceparent the W3C trace context header it carries
 * @param runs whether a conforming worker runs its handler (and so sends {@code started} first)
 */
record Sent(
    UUID taskId, UUID stepId, int attempt, ObjectNode json, String traceparent, boolean runs) {

  /** This dispatch, which a conforming worker answers without running a handler. */
  Sent notRun() {
    return new Sent(taskId, stepId, attempt, json, traceparent, false);
  }

  /** This dispatch as another step of the same task: a record on the same partition. */
  Sent sameTaskAs(Sent other) {
    json.put("task_id", other.taskId.toString());
    return new Sent(other.taskId, stepId, attempt, json, traceparent, runs);
  }

  /** The trace id in {@link #traceparent()}. */
  String traceId() {
    return Traceparent.traceId(traceparent);
  }
}
