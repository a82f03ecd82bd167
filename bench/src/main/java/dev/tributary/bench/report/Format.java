package dev.tributary.bench.report;

import dev.tributary.bench.measure.LatencySummary;
import java.time.Duration;
import java.util.Locale;

/** How figures are written in the report. */
final class Format {

  private Format() {}

  /** A count or rate, grouped: 12,345. */
  static String count(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  /** A ratio with two decimals. */
  static String ratio(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
  }

  /** Milliseconds: two decimals below 10, one below 100, none above. */
  static String ms(double millis) {
    if (millis < 10) {
      return String.format(Locale.ROOT, "%.2f ms", millis);
    }
    if (millis < 100) {
      return String.format(Locale.ROOT, "%.1f ms", millis);
    }
    return String.format(Locale.ROOT, "%,.0f ms", millis);
  }

  /** CPU per step: three decimals, as the targets are written (0.25 ms). */
  static String cpuMillis(double millis) {
    return String.format(Locale.ROOT, "%.3f ms", millis);
  }

  /** A change as a signed percentage: +7 %, -5 %. */
  static String signed(double fraction) {
    return String.format(Locale.ROOT, "%+.0f %%", fraction * 100);
  }

  /** A target in milliseconds, as written in the brief: 5 ms, 25 ms, 50 ms. */
  static String target(double millis) {
    return String.format(Locale.ROOT, "%.0f ms", millis);
  }

  /** Seconds with one decimal. */
  static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.1f s", seconds);
  }

  static String duration(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds >= 60
        ? String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60)
        : seconds + " s";
  }

  /** p50 / p95 / p99 / max. */
  static String percentiles(LatencySummary latency) {
    if (latency.isEmpty()) {
      return "—";
    }
    return ms(latency.p50())
        + " / "
        + ms(latency.p95())
        + " / "
        + ms(latency.p99())
        + " / "
        + ms(latency.max());
  }

  /** median / max of repetitions. */
  static String medianMax(LatencySummary latency) {
    return latency.isEmpty() ? "—" : ms(latency.p50()) + " / " + ms(latency.max());
  }

  static String verdict(boolean met) {
    return met ? "✅ met" : "❌ missed";
  }
}
