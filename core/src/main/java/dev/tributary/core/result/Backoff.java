package dev.tributary.core.result;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The delay before a failed step's next attempt: {@code base * multiplier^(attempt-1)}, spread by
 * the jitter fraction either way, capped at the step's maximum. A worker's requested delay ({@code
 * retry_after_ms}) replaces it, capped at {@code maxRetryAfter}.
 */
public final class Backoff {

  private final Duration maxRetryAfter;
  private final RandomGenerator random;

  /**
   * @param maxRetryAfter the longest delay a worker may ask for
   * @param random spreads delays by their jitter
   */
  public Backoff(Duration maxRetryAfter, RandomGenerator random) {
    this.maxRetryAfter = maxRetryAfter;
    this.random = random;
  }

  public Duration delay(StepSnapshot step, @Nullable Long retryAfterMs) {
    if (retryAfterMs != null) {
      return Duration.ofMillis(Math.min(retryAfterMs, maxRetryAfter.toMillis()));
    }
    double exponential =
        step.backoffBaseMs() * Math.pow(step.backoffMultiplier(), step.attempts() - 1.0);
    double spread = 1 + step.backoffJitter() * (2 * random.nextDouble() - 1);
    double millis = Math.min(exponential * spread, step.backoffMaxMs());
    return Duration.ofMillis(Math.max(0, Math.round(millis)));
  }
}
