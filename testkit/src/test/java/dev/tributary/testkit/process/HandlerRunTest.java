package dev.tributary.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandlerRunTest {

  @TempDir Path directory;

  @Test
  void runs_appended_to_a_log_are_read_back_and_repeated_attempts_found() {
    Path log = directory.resolve("runs.tsv");
    UUID task = UUID.randomUUID();
    UUID once = UUID.randomUUID();
    UUID twice = UUID.randomUUID();
    HandlerRun first = run("w#1", task, twice, 1);
    HandlerRun other = run("w#1", task, once, 1);
    HandlerRun again = run("w#2", task, twice, 1);
    HandlerRun retry = run("w#2", task, once, 2);

    for (HandlerRun run : List.of(first, other, again, retry)) {
      HandlerRun.append(log, run);
    }
    List<HandlerRun> runs = HandlerRun.read(log);

    assertThat(runs).containsExactly(first, other, again, retry);
    assertThat(HandlerRun.duplicates(runs))
        .containsOnlyKeys(new HandlerRun.Attempt(twice, 1))
        .containsEntry(new HandlerRun.Attempt(twice, 1), List.of(first, again));
  }

  @Test
  void no_log_yet_is_no_runs() {
    assertThat(HandlerRun.read(directory.resolve("missing.tsv"))).isEmpty();
  }

  private static HandlerRun run(String worker, UUID task, UUID step, int attempt) {
    return new HandlerRun(
        UUID.randomUUID(), worker, 42, task, step, "validate", attempt, Instant.now());
  }
}
