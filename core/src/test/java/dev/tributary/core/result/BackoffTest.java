package dev.tributary.core.result;

import static dev.tributary.core.result.StepSnapshots.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.random.RandomGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

  /** The largest double below 1 that {@link RandomGenerator#nextDouble()} can return. */
  private static final double NEARLY_ONE = Math.nextDown(1.0);

  /** A random source that always draws {@code value}. */
  private static RandomGenerator drawing(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException("only nextDouble is expected");
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }

  /** A random source for delays that must not be random. */
  private static final RandomGenerator NOT_DRAWN =
      () -> {
        throw new AssertionError("a delay that needs no jitter drew a random number");
      };

  private static Duration delay(RandomGenerator random, StepSnapshot step, Long retryAfterMs) {
    return new Backoff(MAX_RETRY_AFTER, random).delay(step, retryAfterMs);
  }

  @ParameterizedTest(name = "attempt {0}: {1} ms")
  @CsvSource({"1, 100", "2, 300", "3, 900", "4, 2700", "5, 8100"})
  void the_delay_grows_by_the_multiplier_from_the_base(int attempt, long millis) {
    StepSnapshot step = step().attempt(attempt).backoff(100, 3, 60_000, 0).build();

    assertThat(delay(drawing(0.5), step, null)).isEqualTo(Duration.ofMillis(millis));
  }

  @Test
  void a_multiplier_of_one_keeps_the_delay_constant() {
    StepSnapshot step = step().attempt(7).backoff(250, 1, 60_000, 0).build();

    assertThat(delay(drawing(0.5), step, null)).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void the_lowest_draw_shortens_the_delay_by_the_jitter_fraction() {
    StepSnapshot step = step().attempt(2).backoff(1_000, 2, 60_000, 0.25).build();

    assertThat(delay(drawing(0.0), step, null)).isEqualTo(Duration.ofMillis(1_500));
  }

  @Test
  void the_highest_draw_lengthens_the_delay_by_at_most_the_jitter_fraction() {
    StepSnapshot step = step().attempt(2).backoff(1_000, 2, 60_000, 0.25).build();

    assertThat(delay(drawing(NEARLY_ONE), step, null)).isEqualTo(Duration.ofMillis(2_500));
  }

  @Test
  void the_middle_draw_leaves_the_delay_as_it_is() {
    StepSnapshot step = step().attempt(2).backoff(1_000, 2, 60_000, 0.25).build();

    assertThat(delay(drawing(0.5), step, null)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void the_delay_is_capped_at_the_steps_maximum() {
    StepSnapshot step = step().attempt(10).backoff(1_000, 2, 60_000, 0).build();

    assertThat(delay(drawing(0.5), step, null)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void the_cap_applies_after_the_jitter_so_a_capped_delay_never_exceeds_the_maximum() {
    StepSnapshot step = step().attempt(10).backoff(1_000, 2, 60_000, 0.5).build();

    assertThat(delay(drawing(NEARLY_ONE), step, null)).isEqualTo(Duration.ofMinutes(1));
    assertThat(delay(drawing(0.0), step, null)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void a_huge_attempt_number_still_gives_the_maximum() {
    StepSnapshot step = step().attempt(100_000).backoff(1_000, 10, 60_000, 0.2).build();

    assertThat(delay(drawing(0.3), step, null)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void the_delay_a_worker_asks_for_replaces_the_backoff_without_jitter() {
    StepSnapshot step = step().attempt(3).backoff(1_000, 2, 2_000, 0.5).build();

    assertThat(delay(NOT_DRAWN, step, 5_000L)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void the_delay_a_worker_asks_for_is_capped_at_the_configured_maximum() {
    assertThat(delay(NOT_DRAWN, step().build(), 45_000L)).isEqualTo(MAX_RETRY_AFTER);
    assertThat(delay(NOT_DRAWN, step().build(), Long.MAX_VALUE)).isEqualTo(MAX_RETRY_AFTER);
  }

  @Test
  void a_worker_may_ask_for_no_delay_at_all() {
    assertThat(delay(NOT_DRAWN, step().build(), 0L)).isZero();
  }

  @Test
  void full_jitter_at_the_lowest_draw_gives_no_delay_rather_than_a_negative_one() {
    StepSnapshot step = step().attempt(1).backoff(1_000, 2, 60_000, 1).build();

    assertThat(delay(drawing(0.0), step, null)).isZero();
  }

  @Property(tries = 500)
  void the_delay_stays_within_the_jitter_of_the_exponential_and_under_the_maximum(
      @ForAll @IntRange(min = 1, max = 40) int attempt,
      @ForAll @IntRange(max = 10_000) int baseMs,
      @ForAll @DoubleRange(min = 1, max = 10) double multiplier,
      @ForAll @IntRange(max = 3_600_000) int extraMs,
      @ForAll @DoubleRange(min = 0, max = 1) double jitter,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double draw) {
    int maxMs = baseMs + extraMs;
    StepSnapshot step = step().attempt(attempt).backoff(baseMs, multiplier, maxMs, jitter).build();
    double exponential = baseMs * Math.pow(multiplier, attempt - 1);

    long millis = delay(drawing(draw), step, null).toMillis();

    assertThat(millis).isBetween(0L, (long) maxMs);
    assertThat((double) millis)
        .isBetween(
            Math.min(Math.floor(exponential * (1 - jitter)), maxMs),
            Math.min(Math.ceil(exponential * (1 + jitter)), maxMs));
  }
}
