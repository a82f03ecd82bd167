package dev.tributary.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.internal.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DeserializationFeature;

/**
 * How the codec reads integer fields ({@code int}, {@code Integer}, {@code long}, {@code Long}):
 * JSON Schema's {@code integer} admits a number with a zero fraction, so the codec reads {@code
 * 1.0} as 1; it never rounds or truncates a fraction, and rejects what does not fit, naming the
 * field.
 */
class IntegersOnTheWireTest {

  private static final JsonCodec<StepResult> RESULTS = JsonCodec.of(StepResult.class);
  private static final JsonCodec<TaskRequest> REQUESTS = JsonCodec.of(TaskRequest.class);

  private static final String INTEGER =
      "must be an integer (a number without quotes whose fraction, if any, is zero)";

  /** A started result whose attempt (an {@code int}) is written as given. */
  private static String startedWithAttempt(String attempt) {
    return """
        {"schema_version": 1, "message_id": "%s", "task_id": "%s", "step_id": "%s",
         "attempt": %s, "outcome": {"type": "started"}}
        """
        .formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), attempt);
  }

  /**
   * A failure whose retry delay (a {@code Long}) is written as given, with the outcome's type last,
   * so that Jackson buffers the outcome's fields before it knows the subtype.
   */
  private static String failureRetryingAfter(String millis) {
    return """
        {"schema_version": 1, "message_id": "%s", "task_id": "%s", "step_id": "%s",
         "attempt": 1, "outcome": {"retryable": true, "error_class": "E",
         "retry_after_ms": %s, "type": "failure"}}
        """
        .formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), millis);
  }

  private static StepResult decode(String json) {
    return RESULTS.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String reason(String json) {
    try {
      decode(json);
    } catch (InvalidMessageException e) {
      return e.getMessage();
    }
    throw new AssertionError("decoded " + json);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({"1.0, 1", "2.00, 2", "1e2, 100", "1E+2, 100", "250e-1, 25", "7, 7"})
  void an_integer_written_with_a_zero_fraction_is_that_integer(String written, int value) {
    assertThat(decode(startedWithAttempt(written)).attempt()).isEqualTo(value);
    assertThat(decode(failureRetryingAfter(written)).outcome())
        .isEqualTo(new Outcome.Failed(true, "E", "", (long) value));
  }

  @Test
  void an_integer_read_from_a_zero_fraction_is_written_back_in_digits() {
    StepResult result = decode(startedWithAttempt("1.0"));

    assertThat(RESULTS.encodeToString(result)).contains("\"attempt\":1,");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5", "0.5", "5e-1", "1.0000000000000001", "1E-400"})
  void a_number_with_a_fraction_is_rejected_never_rounded_or_truncated(String written) {
    assertThat(reason(startedWithAttempt(written)))
        .isEqualTo("invalid StepResult: attempt " + INTEGER + ", not " + written);
    assertThat(reason(failureRetryingAfter(written)))
        .isEqualTo("invalid StepResult: outcome.retry_after_ms " + INTEGER + ", not " + written);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e400", "-1e400", "2147483648.0", "3000000000"})
  void a_whole_number_too_large_for_an_int_is_rejected_naming_the_field(String written) {
    assertThat(reason(startedWithAttempt(written)))
        .isEqualTo(
            "invalid StepResult: attempt must be an integer from -2147483648 to 2147483647, not "
                + written);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e400", "9223372036854775808", "9.3e18"})
  void a_whole_number_too_large_for_a_long_is_rejected_naming_the_field(String written) {
    assertThat(reason(failureRetryingAfter(written)))
        .isEqualTo(
            "invalid StepResult: outcome.retry_after_ms must be an integer from"
                + " -9223372036854775808 to 9223372036854775807, not "
                + written);
  }

  @Test
  void strings_and_booleans_are_still_rejected() {
    assertThat(reason(startedWithAttempt("\"1\"")))
        .isEqualTo("invalid StepResult: attempt " + INTEGER + ", not the string \"1\"");
    assertThat(reason(startedWithAttempt("\"1.0\"")))
        .isEqualTo("invalid StepResult: attempt " + INTEGER + ", not the string \"1.0\"");
    assertThat(reason(startedWithAttempt("true")))
        .isEqualTo("invalid StepResult: attempt " + INTEGER + ", not a boolean");
  }

  @Test
  void an_optional_integer_left_null_is_still_absent_and_a_primitive_zero() {
    StepResult result = decode(failureRetryingAfter("null"));
    TaskRequest request =
        REQUESTS.decode(
            "{\"schema_version\": 1.0, \"namespace\": \"a\", \"name\": \"b\", \"priority\": null}"
                .getBytes(StandardCharsets.UTF_8));

    assertThat(((Outcome.Failed) result.outcome()).retryAfterMs()).isNull();
    assertThat(request.priority()).isZero();
    assertThat(request.schemaVersion()).isEqualTo(1);
  }

  @Test
  void jackson_is_not_configured_to_truncate_floats_to_integers() {
    assertThat(WireJson.mapper().isEnabled(DeserializationFeature.ACCEPT_FLOAT_AS_INT)).isFalse();
  }
}
