package dev.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void the_full_run_measures_the_sizes_the_targets_are_set_at() {
    BenchOptions options = BenchOptions.parse();

    assertThat(options.quick()).isFalse();
    assertThat(options.tasks()).containsExactly(1_000, 10_000);
    assertThat(options.largestTasks()).isEqualTo(10_000);
    assertThat(options.readiness()).containsExactly(50, 500, 5_000, 50_000);
    assertThat(options.sequentialRates()).contains(BenchOptions.JUDGED_RATE);
    assertThat(options.scenarios()).containsExactlyElementsOf(BenchOptions.SCENARIOS);
  }

  @Test
  void quick_mode_is_small_and_explicit_options_win_over_it() {
    BenchOptions options = BenchOptions.parse("--quick", "--tasks=300", "--only=e2e,floor");

    assertThat(options.quick()).isTrue();
    assertThat(options.tasks()).containsExactly(300);
    assertThat(options.readiness()).doesNotContain(50_000);
    assertThat(options.floorDuration()).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.runs("e2e")).isTrue();
    assertThat(options.runs("readiness")).isFalse();
    assertThat(options.sequentialRates()).isEqualTo(List.of(25, 250));
  }

  @Test
  void a_mistyped_option_is_refused_with_the_usage() {
    assertThatThrownBy(() -> BenchOptions.parse("--taks=10"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option '--taks=10'")
        .hasMessageContaining("Usage:");
    assertThatThrownBy(() -> BenchOptions.parse("--tasks=ten"))
        .hasMessageContaining("--tasks takes a positive whole number, not 'ten'");
    assertThatThrownBy(() -> BenchOptions.parse("--only=speed"))
        .hasMessageContaining("--only takes scenarios among");
  }
}
