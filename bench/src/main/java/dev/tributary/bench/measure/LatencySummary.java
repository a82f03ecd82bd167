package dev.tributary.bench.measure;

import java.util.Arrays;

/**
 * Percentiles of a set of latencies, in milliseconds (nearest rank).
 *
 * @param count how many samples
 * @param p50 the median
 * @param p95 the 95th percentile
 * @param p99 the 99th percentile
 * @param max the largest
 * @param mean the mean
 */
public record LatencySummary(
    int count, double p50, double p95, double p99, double max, double mean) {

  public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

  /** The summary of these samples (copied, not changed). */
  public static LatencySummary of(double[] samples) {
    if (samples.length == 0) {
      return EMPTY;
    }
    double[] sorted = samples.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (double value : sorted) {
      sum += value;
    }
    return new LatencySummary(
        sorted.length,
        rank(sorted, 0.50),
        rank(sorted, 0.95),
        rank(sorted, 0.99),
        sorted[sorted.length - 1],
        sum / sorted.length);
  }

  private static double rank(double[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  public boolean isEmpty() {
    return count == 0;
  }
}
