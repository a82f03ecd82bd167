package dev.tributary.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo's jar, run as ./tributary-demo runs it, with its output captured (not a terminal). */
class DemoRunIT {

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void a_small_run_completes_every_task_prints_the_summary_and_exits_zero() throws Exception {
    try (DemoProcess demo = DemoProcess.demo("--tasks=12")) {
      int exit = demo.awaitExit(Duration.ofMinutes(3));

      assertThat(exit).as(demo.output()).isZero();
      assertThat(demo.out())
          .as(demo.output())
          .contains(
              "Submitting 12 tasks of demo/fulfil_order to the task-requests topic",
              "Summary",
              "All 12 tasks completed.")
          .anyMatch(line -> line.startsWith("progress: 12/12 tasks complete"))
          .anyMatch(line -> line.contains("12 submitted: 12 completed, 0 blocked by failures"))
          // Every third order ships express, every fourth has its payment fail once: 3 retries.
          .anyMatch(line -> line.matches("  steps +1\\d\\d completed, 3 of them after a retry: .*"))
          .anyMatch(line -> line.matches("  latency +p50 [\\d,]+ ms +p95 [\\d,]+ ms +p99 .*"));
      assertThat(String.join("\n", demo.out()))
          .as("no terminal, so no line is redrawn in place")
          .doesNotContain("\r");
      assertThat(demo.err())
          .as("quiet by default: no framework chatter on standard error")
          .noneMatch(line -> line.contains(" INFO ") || line.contains(" ERROR "));
    }
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void tasks_blocked_by_a_permanent_failure_are_reported_with_why_and_the_exit_is_one()
      throws Exception {
    try (DemoProcess demo = DemoProcess.demo("--tasks=6", "--invalid-orders=2")) {
      int exit = demo.awaitExit(Duration.ofMinutes(3));

      assertThat(exit).as(demo.output()).isEqualTo(1);
      assertThat(demo.out())
          .as(demo.output())
          .contains("NOT ALL TASKS COMPLETED: 2 of 6 did not:")
          .anyMatch(line -> line.contains("6 submitted: 4 completed, 2 blocked by failures"))
          .anyMatch(
              line ->
                  line.matches(
                      "  task \\S+ \\(blocked_by_failures\\), step validate_order: failed"
                          + " permanently: an order needs an order_id and at least one item"))
          .as("only the steps that failed; the others merely wait for them")
          .noneMatch(line -> line.contains("waiting for dependencies"));
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
