package dev.tributary.bench.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementTallyTest {

  @Test
  void a_thread_kind_is_its_name_without_the_consumer_suffix_and_numbers() {
    assertThat(StatementTally.kind("step-results-0-C-1")).isEqualTo("step-results");
    assertThat(StatementTally.kind("scheduling-signals-3-C-12")).isEqualTo("scheduling-signals");
    assertThat(StatementTally.kind("scheduler-sweep")).isEqualTo("scheduler-sweep");
    assertThat(StatementTally.kind("pool-2-thread-7")).isEqualTo("pool-#-thread-#");
  }
}
