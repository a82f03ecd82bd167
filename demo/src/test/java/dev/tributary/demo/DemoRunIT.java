package dev.tributary.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo's jar, run as ./tributary-demo runs it, with its output captured (not a terminal). */
class DemoRunIT {

  /**
   * One run for both outcomes, because each run pays the demo's whole start-up (embedded PostgreSQL
   * and Kafka, both services): the valid orders complete, with retries, and the invalid ones are
   * reported blocked with why.
   */
  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void a_small_run_completes_valid_orders_reports_the_blocked_ones_and_exits_one()
      throws Exception {
    try (DemoProcess demo = DemoProcess.demo("--tasks=12", "--invalid-orders=2")) {
      int exit = demo.awaitExit(Duration.ofMinutes(3));

      assertThat(exit).as(demo.output()).isEqualTo(1);
      assertThat(demo.out())
          .as(demo.output())
          .contains(
              "Submitting 12 tasks of demo/fulfil_order to the task-requests topic",
              "Summary",
              "NOT ALL TASKS COMPLETED: 2 of 12 did not:")
          .anyMatch(line -> line.startsWith("progress: 10/12 tasks complete · 2 blocked"))
          .anyMatch(line -> line.contains("12 submitted: 10 completed, 2 blocked by failures"))
          // Every fourth order has its payment fail once: orders 4 and 8 (12 is invalid).
          .anyMatch(line -> line.matches("  steps +\\d+ completed, 2 of them after a retry: .*"))
          .anyMatch(line -> line.matches("  latency +p50 [\\d,]+ ms +p95 [\\d,]+ ms +p99 .*"))
          .anyMatch(
              line ->
                  line.matches(
                      "  task \\S+ \\(blocked_by_failures\\), step validate_order: failed"
                          + " permanently: an order needs an order_id and at least one item"))
          .as("only the steps that failed; the others merely wait for them")
          .noneMatch(line -> line.contains("waiting for dependencies"));
      assertThat(String.join("\n", demo.out()))
          .as("no terminal, so no line is redrawn in place")
          .doesNotContain("\r");
      assertThat(demo.err())
          .as("quiet by default: no framework chatter on standard error")
          .noneMatch(line -> line.contains(" INFO ") || line.contains(" ERROR "));
    }
  }

  @Test
  void a_command_line_it_cannot_run_is_refused_with_the_problem_and_the_usage() throws Exception {
    try (DemoProcess demo = DemoProcess.demo("--tasks=many")) {
      int exit = demo.awaitExit(Duration.ofSeconds(60));

      assertThat(exit).isEqualTo(TributaryDemo.EXIT_USAGE);
      assertThat(demo.err())
          .startsWith("tributary-demo: --tasks must be a whole number, was 'many'", "")
          .contains(DemoArguments.USAGE.lines().findFirst().orElseThrow());
      assertThat(demo.out()).isEmpty();
    }
  }

  @Test
  void help_prints_the_usage_and_exits_zero() throws Exception {
    try (DemoProcess demo = DemoProcess.demo("--help")) {
      assertThat(demo.awaitExit(Duration.ofSeconds(60))).isZero();
      assertThat(String.join("\n", demo.out()) + "\n").isEqualTo(DemoArguments.USAGE);
    }
  }
}
