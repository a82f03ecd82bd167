package dev.tributary.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SummaryTest {

  private static final List<Duration> ONE_TO_A_HUNDRED_MS =
      IntStream.rangeClosed(1, 100).mapToObj(Duration::ofMillis).toList().reversed();

  @Test
  void percentiles_are_nearest_rank() {
    assertThat(Summary.percentile(ONE_TO_A_HUNDRED_MS, 50)).isEqualTo(Duration.ofMillis(50));
    assertThat(Summary.percentile(ONE_TO_A_HUNDRED_MS, 95)).isEqualTo(Duration.ofMillis(95));
    assertThat(Summary.percentile(ONE_TO_A_HUNDRED_MS, 99)).isEqualTo(Duration.ofMillis(99));
    assertThat(Summary.percentile(ONE_TO_A_HUNDRED_MS, 100)).isEqualTo(Duration.ofMillis(100));
    assertThat(Summary.percentile(List.of(Duration.ofSeconds(3)), 1))
        .isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void the_summary_counts_tasks_and_steps_and_gives_throughput_and_latency() {
    Summary summary =
        new Summary(
            100,
            new Progress(100, 98, 2, 0, 1_100, 1_050, 25),
            ONE_TO_A_HUNDRED_MS.subList(0, 98),
            Duration.ofMillis(2_500),
            Duration.ofSeconds(12));

    assertThat(summary.allCompleted()).isFalse();
    assertThat(summary.notCompleted()).isEqualTo(2);
    assertThat(summary.format())
        .contains("100 submitted: 98 completed, 2 blocked by failures, 0 not finished")
        .contains("1,050 completed, 25 of them after a retry: 420 steps/s")
        .contains("2.50 s from the first task request to the last task finished (start-up 12.0 s)")
        .contains("p50 51 ms   p95 96 ms   p99 100 ms   max 100 ms");
  }

  @Test
  void a_run_where_nothing_completed_says_so_instead_of_percentiles() {
    Summary summary =
        new Summary(
            3, new Progress(3, 0, 3, 0, 9, 3, 3), List.of(), Duration.ofSeconds(1), Duration.ZERO);

    assertThat(summary.format()).contains("latency     no task completed");
  }
}
