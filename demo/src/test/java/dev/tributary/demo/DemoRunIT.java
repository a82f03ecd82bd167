package dev.tributary.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The demo's jar, run as ./tributary-demo runs it, with its output captured (not a terminal), with
 * command lines it does not start services for. A whole run is {@link ServedDemoIT}'s.
 */
class DemoRunIT {

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
