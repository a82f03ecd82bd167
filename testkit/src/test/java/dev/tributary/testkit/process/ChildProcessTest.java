package dev.tributary.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the fixtures' signals are, seen from the exit status the kernel reports: 128 + 9 for SIGKILL
 * (Process.destroyForcibly), 128 + 15 for SIGTERM (Process.destroy). Uses {@code sleep} and {@code
 * env}: single processes, nothing left behind.
 */
class ChildProcessTest {

  @TempDir Path directory;

  @Test
  void kill_sends_sigkill_and_returns_once_the_process_is_gone() {
    try (ChildProcess sleeper = new ChildProcess("sleeper", directory.resolve("sleeper.log"))) {
      sleeper.start(List.of("sleep", "600"), Map.of(), directory);
      long pid = sleeper.pid();

      assertThat(sleeper.kill()).isEqualTo(ChildProcess.KILLED).isEqualTo(128 + 9);
      assertThat(sleeper.isAlive()).isFalse();
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
          .isNotEqualTo(java.util.Optional.of(true));
    }
  }

  @Test
  void stop_sends_sigterm() {
    try (ChildProcess sleeper = new ChildProcess("sleeper", directory.resolve("sleeper.log"))) {
      sleeper.start(List.of("sleep", "600"), Map.of(), directory);

      assertThat(sleeper.stop(Duration.ofSeconds(20)))
          .isEqualTo(ChildProcess.TERMINATED)
          .isEqualTo(128 + 15);
    }
  }

  @Test
  void stop_kills_a_process_that_ignores_sigterm_after_the_grace_period() {
    try (ChildProcess stubborn = new ChildProcess("stubborn", directory.resolve("stubborn.log"))) {
      // An ignored signal stays ignored across exec: sleep itself ignores SIGTERM. Signalled
      // before the trap ran, sh would still end: wait for it to say so.
      stubborn.start(
          List.of("sh", "-c", "trap '' TERM; echo ignoring; exec sleep 600"), Map.of(), directory);
      await().atMost(Duration.ofSeconds(20)).until(() -> stubborn.logTail(1).equals("ignoring"));

      assertThat(stubborn.stop(Duration.ofMillis(500))).isEqualTo(ChildProcess.KILLED);
    }
  }

  @Test
  void a_restart_is_a_new_process_logging_to_the_same_file() throws IOException {
    Path log = directory.resolve("sleeper.log");
    try (ChildProcess sleeper = new ChildProcess("sleeper", log)) {
      sleeper.start(List.of("sleep", "600"), Map.of(), directory);
      long first = sleeper.pid();
      sleeper.kill();
      sleeper.start(List.of("sleep", "600"), Map.of(), directory);

      assertThat(sleeper.pid()).isNotEqualTo(first);
      assertThat(sleeper.starts()).isEqualTo(2);
      assertThat(Files.readString(log)).contains("start #1", "SIGKILL to pid " + first, "start #2");
    }
  }

  @Test
  void the_child_sees_only_the_given_environment_and_the_basics() throws IOException {
    Path log = directory.resolve("env.log");
    try (ChildProcess env = new ChildProcess("env", log)) {
      env.start(List.of("env"), Map.of("GIVEN", "yes"), directory);
      assertThat(env.awaitExit(Duration.ofSeconds(20))).isZero();
    }

    List<String> names =
        Files.readAllLines(log).stream()
            .filter(line -> !line.startsWith("===="))
            .map(line -> line.substring(0, line.indexOf('=')))
            .toList();
    assertThat(names).contains("GIVEN");
    assertThat(names)
        .allSatisfy(name -> assertThat(name).isIn(concat(ChildProcess.BASE_ENVIRONMENT, "GIVEN")));
  }

  private static List<String> concat(List<String> list, String element) {
    return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(element))
        .toList();
  }
}
