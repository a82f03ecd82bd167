package dev.tributary.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StepFailureTest {

  @Test
  void the_error_class_is_the_cause_class_unless_given() {
    assertThat(StepFailure.retryable("x").errorClass()).isEqualTo("StepFailure");
    assertThat(StepFailure.permanent("x", new IOException()).errorClass())
        .isEqualTo("java.io.IOException");
    assertThat(StepFailure.permanent("x").withErrorClass("CardDeclined").errorClass())
        .isEqualTo("CardDeclined");
  }

  @Test
  void a_retryable_failure_may_ask_for_a_delay_and_keeps_the_rest() {
    IOException cause = new IOException("429");
    StepFailure failure =
        StepFailure.retryable("rate limited", cause).withRetryAfter(Duration.ofSeconds(30));

    assertThat(failure.isRetryable()).isTrue();
    assertThat(failure.retryAfter()).contains(Duration.ofSeconds(30));
    assertThat(failure).hasMessage("rate limited").hasCause(cause);
  }

  @Test
  void a_permanent_failure_cannot_ask_for_a_delay() {
    assertThatIllegalStateException()
        .isThrownBy(() -> StepFailure.permanent("no").withRetryAfter(Duration.ofSeconds(1)))
        .withMessageContaining("StepFailure.retryable");
  }

  @Test
  void delays_and_error_classes_are_checked() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> StepFailure.retryable("x").withRetryAfter(Duration.ofSeconds(-1)));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> StepFailure.retryable("x").withErrorClass(" "));
  }
}
