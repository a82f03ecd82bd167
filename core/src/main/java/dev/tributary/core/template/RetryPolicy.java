package dev.tributary.core.template;

import java.time.Duration;

/**
 * How a step's failures are retried: at most {@code maxAttempts} attempts in all; the delay before
 * attempt n+1 is {@code base * multiplier^(n-1)}, spread by up to {@code jitter} (a fraction)
 * either way, then capped at {@code max} (see {@link dev.tributary.core.result.Backoff}).
 *
 * @param maxAttempts attempts in all, the first included
 * @param retryable whether failures are retried at all (a worker can still report a permanent
 *     failure for one attempt)
 * @param backoffBase the first delay
 * @param backoffMultiplier the growth of each next delay
 * @param backoffMax the longest delay
 * @param jitter the random spread, from 0 to 1
 */
public record RetryPolicy(
    int maxAttempts,
    boolean retryable,
    Duration backoffBase,
    double backoffMultiplier,
    Duration backoffMax,
    double jitter) {

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(3, true, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), 0.2);
}
