package dev.tributary.contracts.schema;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.contracts.InvalidMessageException;
import dev.tributary.contracts.JsonCodec;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-written bad messages under {@code contracts/invalid/<message>/<case>.json} (test resources):
 * the schema rejects each one, and so does the Java codec, with a reason that names the field, so
 * that a worker that validates against the schema and the processor that reads with the codec agree
 * on what is bad. A few faults cannot be expressed in JSON Schema; those the schema accepts (its
 * descriptions state the rule in words) and only the codec rejects.
 */
class InvalidMessagesTest {

  private static final String INTEGER = "must be an integer (digits only: no quotes, fraction or";
  private static final String RFC_3339 =
      "must be an RFC 3339 date-time string with an offset, e.g. 2025-06-03T14:22:05Z";

  /** Part of the reason the Java codec gives for each bad message. */
  private static final Map<String, String> REASONS =
      Map.ofEntries(
          entry("scheduling-signal/missing-task-id.json", "task_id is required"),
          entry(
              "step-dispatch/correlation-id-too-long.json",
              "correlation_id is longer than 255 characters"),
          entry("step-dispatch/deadline-as-epoch-millis.json", "deadline " + RFC_3339),
          entry(
              "step-dispatch/inputs-is-a-string.json",
              "inputs must be a JSON object, not a string"),
          entry("step-dispatch/inputs-is-null.json", "inputs must be a JSON object, not null"),
          entry("step-dispatch/max-attempts-zero.json", "max_attempts must be at least 1, was 0"),
          entry("step-dispatch/missing-deadline.json", "deadline is required"),
          entry(
              "step-dispatch/negative-dependency-results-omitted.json",
              "dependency_results_omitted must not be negative, was -1"),
          entry(
              "step-dispatch/task-context-is-an-array.json",
              "task_context must be a JSON object, not an array"),
          entry(
              "step-dispatch/namespace-with-a-dot.json",
              "namespace 'orders.eu' must match [a-z0-9][a-z0-9_-]{0,62}"),
          entry("step-result/attempt-as-a-boolean.json", "attempt " + INTEGER),
          entry("step-result/attempt-as-a-fraction.json", "attempt " + INTEGER),
          entry("step-result/attempt-as-a-string-of-digits.json", "attempt " + INTEGER),
          entry("step-result/attempt-is-not-a-number.json", "attempt " + INTEGER),
          entry("step-result/attempt-written-as-1.0.json", "attempt " + INTEGER),
          entry("step-result/attempt-zero.json", "attempt must be at least 1, was 0"),
          entry(
              "step-result/batch-cursor-with-a-null-start.json",
              "start must not be null (at outcome.expansion.cursors[0])"),
          entry(
              "step-result/batch-cursor-without-end.json",
              "end is required (at outcome.expansion.cursors[0])"),
          entry("step-result/checkpoint-is-null.json", "checkpoint must not be null (at outcome)"),
          entry(
              "step-result/checkpoint-without-checkpoint.json",
              "checkpoint is required (at outcome)"),
          entry(
              "step-result/batch-id-with-a-space.json",
              "batch_id 'may a' must match [A-Za-z0-9_-]{1,64} (at outcome.expansion.cursors[0])"),
          entry(
              "step-result/create-batches-with-a-null-cursor.json",
              "cursors[1] is null; a cursor is an object with batch_id, start and end"),
          entry(
              "step-result/create-batches-with-cursors-and-a-split.json",
              "either cursors or total_items and batch_size, not both"),
          entry(
              "step-result/create-batches-with-cursors-and-total-items.json",
              "either cursors or total_items and batch_size, not both"),
          entry(
              "step-result/create-batches-with-duplicate-batch-ids.json",
              "batch_id 'a' appears more than once in cursors"),
          entry(
              "step-result/create-batches-with-no-cursors.json",
              "cursors is empty; use no_batches when there is nothing to do"),
          entry(
              "step-result/create-batches-with-total-items-only.json",
              "create_batches needs either cursors or both total_items and batch_size"),
          entry(
              "step-result/create-batches-with-zero-batch-size.json",
              "batch_size must be at least 1"),
          entry(
              "step-result/create-steps-with-a-blank-step-name.json",
              "step_names must not contain a blank name"),
          entry(
              "step-result/create-steps-with-a-step-name-twice.json",
              "step_names names 'ship_express' more than once"),
          entry(
              "step-result/create-steps-with-no-step-names.json",
              "step_names is empty; use no_branches to create no branch"),
          entry("step-result/create-steps-without-step-names.json", "step_names is required"),
          entry("step-result/error-class-as-a-number.json", "outcome.error_class must be a string"),
          entry("step-result/failure-with-blank-error-class.json", "error_class must not be blank"),
          entry(
              "step-result/failure-with-negative-retry-after.json",
              "retry_after_ms must not be negative"),
          entry("step-result/failure-without-error-class.json", "error_class is required"),
          entry("step-result/failure-without-retryable.json", "retryable is required (at outcome)"),
          entry(
              "step-result/failure-with-null-retryable.json", "retryable is required (at outcome)"),
          entry("step-result/missing-task-id.json", "task_id is required"),
          entry(
              "step-result/outcome-without-type.json", "outcome must be an object with a \"type\""),
          entry("step-result/retry-after-as-a-string.json", "outcome.retry_after_ms " + INTEGER),
          entry(
              "step-result/retryable-as-a-number.json",
              "outcome.retryable must be true or false, not 1"),
          entry(
              "step-result/retryable-as-a-string.json",
              "outcome.retryable must be true or false, not the string \"true\""),
          entry("step-result/task-id-is-not-a-uuid.json", "task_id must be a UUID string"),
          entry("step-result/unknown-expansion-type.json", "unknown type 'create_everything'"),
          entry("step-result/unknown-outcome-type.json", "unknown type 'exploded'"),
          entry(
              "step-result/unsupported-schema-version.json",
              "schema_version 2 is not supported; this version reads 1"),
          entry(
              "step-result/worker-started-at-as-a-string-of-digits.json",
              "worker.started_at " + RFC_3339),
          entry(
              "step-result/worker-started-at-as-epoch-seconds.json",
              "worker.started_at " + RFC_3339),
          entry(
              "step-result/worker-started-at-without-offset.json", "worker.started_at " + RFC_3339),
          entry(
              "task-event/correlation-id-too-long.json",
              "correlation_id is longer than 255 characters"),
          entry(
              "task-event/namespace-starting-with-a-dash.json",
              "namespace '-orders' must match [a-z0-9][a-z0-9_-]{0,62}"),
          entry("task-event/state-as-an-index.json", "state must be one of pending, in_progress"),
          entry(
              "task-event/state-in-upper-case.json",
              "from_state must be one of pending, in_progress"),
          entry("task-event/unknown-state.json", "state must be one of pending, in_progress"),
          entry("task-request/blank-name.json", "name must not be blank"),
          entry("task-request/context-is-not-an-object.json", "context must be a JSON object"),
          entry(
              "task-request/idempotency-key-too-long.json",
              "idempotency_key is longer than 255 characters"),
          entry("task-request/missing-schema-version.json", "schema_version is required"),
          entry(
              "task-request/namespace-in-upper-case.json",
              "namespace 'Orders' must match [a-z0-9][a-z0-9_-]{0,62}"),
          entry("task-request/priority-is-text.json", "priority " + INTEGER),
          entry(
              "task-request/priority-out-of-range.json", "priority must be between -1000 and 1000"),
          entry("task-request/schema-version-as-a-string.json", "schema_version " + INTEGER),
          entry("task-request/version-as-a-number.json", "version must be a string, not 2"));

  /**
   * Bad messages whose fault JSON Schema cannot express, with why. Their schema descriptions say
   * the rule in words; a worker that only validates against the schema does not catch them.
   */
  private static final Map<String, String> BEYOND_THE_SCHEMA =
      Map.of(
          "step-result/attempt-written-as-1.0.json",
          "JSON Schema's \"integer\" admits any number with a zero fraction, such as 1.0",
          "step-result/create-batches-with-duplicate-batch-ids.json",
          "JSON Schema cannot require one property to be unique across the items of an array");

  static Stream<String> invalidMessages() {
    return ContractResources.list(ContractResources.INVALID).stream();
  }

  static Stream<String> invalidByTheSchema() {
    return invalidMessages().filter(sample -> !BEYOND_THE_SCHEMA.containsKey(sample));
  }

  static Stream<String> beyondTheSchema() {
    return BEYOND_THE_SCHEMA.keySet().stream().sorted();
  }

  private static WireMessage messageOf(String sample) {
    return WireMessage.byFileName(sample.substring(0, sample.indexOf('/')));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidByTheSchema")
  void the_schema_rejects_a_bad_message(String sample) {
    assertThat(
            ContractResources.violations(
                messageOf(sample), ContractResources.json(ContractResources.INVALID + sample)))
        .isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("beyondTheSchema")
  void the_schema_accepts_what_it_cannot_express(String sample) {
    assertThat(
            ContractResources.violations(
                messageOf(sample), ContractResources.json(ContractResources.INVALID + sample)))
        .as("%s is rejected by the schema after all; remove it from BEYOND_THE_SCHEMA", sample)
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidMessages")
  void the_java_codec_rejects_a_bad_message_too_naming_the_field(String sample) {
    WireMessage message = messageOf(sample);
    JsonCodec<?> codec = JsonCodec.of(message.type());
    byte[] bytes = ContractResources.bytes(ContractResources.INVALID + sample);

    assertThatThrownBy(() -> codec.decode(bytes))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessageStartingWith("invalid " + message.type().getSimpleName() + ": ")
        .hasMessageContaining(REASONS.getOrDefault(sample, "(no expected reason)"));
  }

  @Test
  void every_bad_message_has_an_expected_reason_and_every_reason_a_message() {
    assertThat(invalidMessages()).containsExactlyInAnyOrderElementsOf(REASONS.keySet());
    assertThat(REASONS.keySet()).containsAll(BEYOND_THE_SCHEMA.keySet());
  }
}
