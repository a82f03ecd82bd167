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
import tools.jackson.databind.JsonNode;

/**
 * Hand-written bad messages under {@code contracts/invalid/<message>/<case>.json} (test resources):
 * the schema rejects each one, and so does the Java codec, with a reason that names the field, so
 * that a worker that validates against the schema and the processor that reads with the codec agree
 * on what is bad. A few faults the schemas do not catch ({@link #BEYOND_THE_SCHEMA}): those the
 * schema accepts (its descriptions state the rule in words) and only the codec rejects.
 */
class InvalidMessagesTest {

  private static final String INTEGER =
      "must be an integer (a number without quotes whose fraction, if any, is zero)";
  private static final String INT_RANGE = "must be an integer from -2147483648 to 2147483647";
  private static final String LONG_RANGE =
      "must be an integer from -9223372036854775808 to 9223372036854775807";
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
          entry(
              "step-result/attempt-written-as-1e400.json", "attempt " + INT_RANGE + ", not 1e400"),
          entry("step-result/attempt-zero.json", "attempt must be at least 1, was 0"),
          entry(
              "step-result/batch-cursor-with-a-null-start.json",
              "start must not be null (at outcome.expansion.cursors[0])"),
          entry(
              "step-result/batch-cursor-without-end.json",
              "end is required (at outcome.expansion.cursors[0])"),
          entry("step-result/checkpoint-is-null.json", "checkpoint must not be null (at outcome)"),
          entry(
              "step-result/checkpoint-with-sequence-as-a-string.json",
              "outcome.sequence " + INTEGER + ", not the string \"1\""),
          entry(
              "step-result/checkpoint-with-sequence-zero.json",
              "sequence must be at least 1, was 0 (at outcome)"),
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
              "step-result/retry-after-too-large-for-a-long.json",
              "outcome.retry_after_ms " + LONG_RANGE + ", not 9223372036854775808"),
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
              "task-request/context-with-a-nul-character.json",
              "context.note contains U+0000: the character U+0000 cannot be stored"),
          entry(
              "task-request/idempotency-key-too-long.json",
              "idempotency_key is longer than 255 characters"),
          entry("task-request/message-id-is-not-a-uuid.json", "message_id must be a UUID string"),
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
   * A bad message the schema accepts: why it cannot catch it, and where it states the rule in words
   * instead.
   *
   * @param why why no schema check catches the fault
   * @param field a JSON pointer, in the message's schema, to the schema of the field the rule is
   *     about
   * @param rule words the description of that field contains
   */
  record BeyondTheSchema(String why, String field, String rule) {}

  /**
   * Bad messages the schemas do not catch, so that a worker that only validates against them does
   * not either; each field's description states the rule. Both validators must accept exactly these
   * ({@link SecondValidatorTest} for the second).
   */
  static final Map<String, BeyondTheSchema> BEYOND_THE_SCHEMA =
      Map.of(
          "step-result/create-batches-with-duplicate-batch-ids.json",
          new BeyondTheSchema(
              "JSON Schema cannot require one property to be unique across the items of an array",
              "/$defs/create_batches/properties/cursors",
              "batch ids unique within the list"),
          "task-request/context-with-a-nul-character.json",
          new BeyondTheSchema(
              "the schemas state the U+0000 rule in words (wire rules) instead of as a pattern on"
                  + " every string and key at every depth of a free-form object",
              "/properties/context",
              "U+0000"));

  static Stream<String> invalidMessages() {
    return ContractResources.list(ContractResources.INVALID).stream();
  }

  static Stream<String> invalidByTheSchema() {
    return invalidMessages().filter(sample -> !BEYOND_THE_SCHEMA.containsKey(sample));
  }

  static Stream<String> beyondTheSchema() {
    return BEYOND_THE_SCHEMA.keySet().stream().sorted();
  }

  static WireMessage messageOf(String sample) {
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("beyondTheSchema")
  void the_schema_states_in_words_the_rule_it_cannot_check(String sample) {
    BeyondTheSchema beyond = BEYOND_THE_SCHEMA.get(sample);
    JsonNode field = ContractResources.json(messageOf(sample).schemaResource()).at(beyond.field());

    assertThat(field.path("description").asString())
        .as("description of %s in the %s schema", beyond.field(), messageOf(sample).fileName())
        .contains(beyond.rule());
  }

  @Test
  void every_bad_message_has_an_expected_reason_and_every_reason_a_message() {
    assertThat(invalidMessages()).containsExactlyInAnyOrderElementsOf(REASONS.keySet());
    assertThat(REASONS.keySet()).containsAll(BEYOND_THE_SCHEMA.keySet());
  }
}
