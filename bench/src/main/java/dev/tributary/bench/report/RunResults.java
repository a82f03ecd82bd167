package dev.tributary.bench.report;

import dev.tributary.bench.BenchOptions;
import dev.tributary.bench.peer.DbosPipeline;
import dev.tributary.bench.scenario.DatabaseFloor;
import dev.tributary.bench.scenario.EndToEnd;
import dev.tributary.bench.scenario.Knee;
import dev.tributary.bench.scenario.LatencyFloor;
import dev.tributary.bench.scenario.LibraryEndToEnd;
import dev.tributary.bench.scenario.Readiness;
import dev.tributary.bench.scenario.Sequential;
import dev.tributary.bench.scenario.StatementsPerMessage;
import dev.tributary.bench.scenario.WithHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything one run measured.
 *
 * @param options what was asked for
 * @param machine where it ran
 * @param started when it started
 * @param took how long it took, servers included
 * @param loadAverageAtEnd the load average when it ended
 * @param cpuPressureAtEnd the CPU pressure when it ended (see {@link Machine#cpuPressure()})
 * @param statements statements per message
 * @param endToEnd end-to-end runs with one processor, by tasks
 * @param scaled the largest end-to-end run again with two processors
 * @param sequential sequential latency, by rate
 * @param knee the knee search
 * @param history the end-to-end and sequential runs again over a history of finished tasks
 * @param peer the same pipeline on DBOS Transact
 * @param library the end-to-end run with the worker library in a JVM of its own
 * @param readiness readiness at scale, by active tasks
 * @param floor the database floor
 * @param latencyFloor one Kafka hop and one commit alone, at a gentle rate
 * @param failures scenarios that failed, with why
 */
public record RunResults(
    BenchOptions options,
    Machine machine,
    Instant started,
    Duration took,
    String loadAverageAtEnd,
    String cpuPressureAtEnd,
    StatementsPerMessage.@Nullable Result statements,
    List<EndToEnd.Result> endToEnd,
    EndToEnd.@Nullable Result scaled,
    List<Sequential.Result> sequential,
    Knee.@Nullable Result knee,
    WithHistory.@Nullable Result history,
    DbosPipeline.@Nullable Result peer,
    LibraryEndToEnd.@Nullable Result library,
    List<Readiness.Row> readiness,
    DatabaseFloor.@Nullable Result floor,
    LatencyFloor.@Nullable Result latencyFloor,
    Map<String, String> failures) {

  /** The one-processor run with the most tasks: the one the targets are judged on. */
  public EndToEnd.@Nullable Result judgedEndToEnd() {
    return endToEnd.stream()
        .max(java.util.Comparator.comparingInt(EndToEnd.Result::tasks))
        .orElse(null);
  }

  /** The sequential run the latency targets are judged at (1,000 steps/s), if any. */
  public Sequential.@Nullable Result judgedSequential() {
    return sequential.stream()
        .filter(r -> r.tasksPerSecond() == dev.tributary.bench.BenchOptions.JUDGED_RATE)
        .findFirst()
        .orElse(null);
  }

  /** The one-processor run with as many tasks as the scaled run, if any. */
  public EndToEnd.@Nullable Result scalingBaseline() {
    if (scaled == null) {
      return null;
    }
    return endToEnd.stream().filter(r -> r.tasks() == scaled.tasks()).findFirst().orElse(null);
  }
}
