package dev.tributary.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencySummaryTest {

  @Test
  void percentiles_are_nearest_rank_over_the_sorted_samples() {
    double[] samples = new double[100];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = 100 - i; // 100 down to 1
    }

    LatencySummary summary = LatencySummary.of(samples);

    assertThat(summary.count()).isEqualTo(100);
    assertThat(summary.p50()).isEqualTo(50);
    assertThat(summary.p95()).isEqualTo(95);
    assertThat(summary.p99()).isEqualTo(99);
    assertThat(summary.max()).isEqualTo(100);
    assertThat(summary.mean()).isEqualTo(50.5);
  }

  @Test
  void one_sample_is_every_percentile_and_none_is_empty() {
    assertThat(LatencySummary.of(new double[] {7}).p99()).isEqualTo(7);
    assertThat(LatencySummary.of(new double[0]).isEmpty()).isTrue();
  }

  @Test
  void samples_from_several_threads_are_all_kept() throws InterruptedException {
    Samples samples = new Samples();
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < 5_000; i++) {
                      samples.add(i);
                    }
                  });
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(samples.count()).isEqualTo(20_000);
  }
}
