package dev.tributary.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void on_a_terminal_one_line_is_redrawn_in_place_with_a_bar_of_steps_completed() {
    ProgressDisplay display = new ProgressDisplay(out, true, true, 10, 100);

    display.show(new Progress(10, 0, 0, 0, 60, 50, 1), Duration.ofMillis(1_500));
    display.finish(new Progress(10, 10, 0, 0, 100, 100, 1), Duration.ofSeconds(3));

    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .startsWith("\r  [" + "█".repeat(15) + "░".repeat(15) + "]  0/10 tasks complete")
        .contains("\r  [" + "█".repeat(30) + "]  10/10 tasks complete · 0 blocked")
        .contains("100 steps complete · 1 retried · 3.0 s")
        .endsWith("\033[K" + System.lineSeparator());
  }

  @Test
  void elsewhere_plain_lines_come_at_most_once_a_second_and_never_twice_the_same() {
    ProgressDisplay display = new ProgressDisplay(out, false, false, 10, 100);
    Progress started = new Progress(10, 0, 0, 0, 10, 0, 0);

    display.show(started, Duration.ZERO);
    display.show(new Progress(10, 0, 0, 0, 20, 10, 0), Duration.ofMillis(500));
    display.show(new Progress(10, 0, 0, 0, 30, 20, 0), Duration.ofSeconds(1));
    display.finish(new Progress(10, 10, 0, 0, 100, 100, 0), Duration.ofMillis(1_100));

    assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "progress: 0/10 tasks complete | 0 blocked | 0 steps complete | 0 retried | 0.0 s",
            "progress: 0/10 tasks complete | 0 blocked | 20 steps complete | 0 retried | 1.0 s",
            "progress: 10/10 tasks complete | 0 blocked | 100 steps complete | 0 retried | 1.1 s");
  }
}
