package dev.tributary.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.Outcome;
import dev.tributary.worker.StepFailure;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class FailuresTest {

  @Test
  void step_failures_say_what_they_are() {
    assertThat(Failures.from(StepFailure.permanent("bad input").withErrorClass("BadInput")))
        .isEqualTo(new Outcome.Failed(false, "BadInput", "bad input", null));
    assertThat(
            Failures.from(StepFailure.retryable("busy").withRetryAfter(Duration.ofMillis(1_500))))
        .isEqualTo(new Outcome.Failed(true, "StepFailure", "busy", 1_500L));
  }

  @Test
  void any_other_exception_is_retryable_and_named_by_its_class() {
    assertThat(Failures.from(new TimeoutException("upstream slow")))
        .isEqualTo(
            new Outcome.Failed(
                true, "java.util.concurrent.TimeoutException", "upstream slow", null));
    assertThat(Failures.from(new NullPointerException()).message()).isEmpty();
  }

  @Test
  void long_messages_are_cut_to_the_contract_limit() {
    String message = "x".repeat(Outcome.Failed.MAX_MESSAGE_LENGTH + 100);

    Outcome.Failed failed = Failures.from(new IllegalStateException(message));

    assertThat(failed.message()).hasSize(Outcome.Failed.MAX_MESSAGE_LENGTH).endsWith("…");
  }

  @Test
  void cutting_never_splits_a_surrogate_pair() {
    String text = "ab" + "\uD83D\uDE00" + "cd"; // a, b, emoji (two chars), c, d

    assertThat(Failures.truncate(text, 4)).isEqualTo("ab…");
  }
}
