package dev.tributary.bench.measure;

import java.util.Arrays;

/** Latency samples in milliseconds, appended from any thread. */
public final class Samples {

  private double[] values = new double[1024];
  private int size;

  public synchronized void add(double millis) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = millis;
  }

  public synchronized int count() {
    return size;
  }

  public synchronized LatencySummary summary() {
    return LatencySummary.of(Arrays.copyOf(values, size));
  }
}
