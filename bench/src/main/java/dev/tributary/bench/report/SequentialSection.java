package dev.tributary.bench.report;

import static dev.tributary.bench.report.Format.count;
import static dev.tributary.bench.report.Format.ms;
import static dev.tributary.bench.report.Format.ratio;
import static dev.tributary.bench.report.Format.verdict;

import dev.tributary.bench.measure.LatencySummary;
import dev.tributary.bench.scenario.LatencyFloor;
import dev.tributary.bench.scenario.Sequential;
import java.util.Map;

/** Latency per stage and per task at steady rates. */
final class SequentialSection extends Section {

  SequentialSection(RunResults results, StringBuilder out) {
    super(results, out);
  }

  void sequential() {
    line("## 6. Sequential latency");
    line();
    if (results.sequential().isEmpty()) {
      line("Not run.");
      line();
      return;
    }
    line(
        "Tasks of the four-step `linear` workflow (s1 → s2 → s3 → s4) requested at a steady"
            + " rate, one every 1/rate seconds, measured after a warm-up at the same rate, once"
            + " its tasks are done. A stage is a step's result produced → the next step's"
            + " dispatch produced (Kafka record timestamps, ms resolution), split into the"
            + " processor's hop (→ its scheduling signal for the task produced) and the"
            + " scheduler's (→ the dispatch produced); a task is its request produced → its"
            + " completion. The"
            + " targets are judged at "
            + count(Targets.SEQUENTIAL_STEPS_PER_SECOND)
            + " steps/s; a low rate shows the latency of the path itself, without queueing.");
    line();
    line("| rate | tasks | | p50 | p95 | p99 | max | older Rust engine (p50) |");
    line("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
    for (Sequential.Result s : results.sequential()) {
      String rate =
          count(s.tasksPerSecond() * Sequential.STEPS_PER_TASK)
              + " steps/s (achieved "
              + count(s.achievedStepsPerSecond())
              + ")";
      String tasks = count(s.tasks()) + (s.finished() ? "" : " (**not all finished**)");
      latencyRow(
          rate,
          tasks,
          "**per stage**",
          s.perStage(),
          "≈ " + Format.target(Targets.OLDER_STAGE_P50_MS));
      latencyRow("", "", "… of which result → signal (processor)", s.processorHop(), "");
      latencyRow("", "", "… of which signal → dispatch (scheduler)", s.schedulerHop(), "");
      for (Map.Entry<String, LatencySummary> step : s.byStep().entrySet()) {
        latencyRow("", "", "stage → " + step.getKey(), step.getValue(), "");
      }
      latencyRow("", "", "request → first dispatch (s1)", s.firstDispatch(), "—");
      latencyRow(
          "",
          "",
          "per task (request → complete)",
          s.perTask(),
          "≈ " + Format.target(Targets.OLDER_FOUR_STEPS_P50_MS));
    }
    line();
    Sequential.Result busiest = results.judgedSequential();
    if (busiest != null && busiest.cpu() != null) {
      cpuTable("the " + count(Targets.SEQUENTIAL_STEPS_PER_SECOND) + " steps/s run", busiest.cpu());
    }
    LatencyFloor.Result floor = results.latencyFloor();
    if (floor != null) {
      line(
          "For scale: two Kafka hops and two commits, the least a stage needs, took "
              + ms(floor.stageFloorMillis())
              + " at the median on this machine during this run"
              + " (section 4).");
      line();
    }
    Sequential.Result judged = results.judgedSequential();
    if (judged != null && !judged.perStage().isEmpty()) {
      String p50 =
          floor == null
              ? "p50 ≤ "
                  + ratio(Targets.STAGE_P50_FLOOR_MULTIPLE)
                  + "× the latency floor (not measured)"
              : "p50 ≤ "
                  + ms(Targets.STAGE_P50_FLOOR_MULTIPLE * floor.stageFloorMillis())
                  + ", "
                  + ratio(Targets.STAGE_P50_FLOOR_MULTIPLE)
                  + "× the latency floor ("
                  + verdict(
                      judged.perStage().p50()
                          <= Targets.STAGE_P50_FLOOR_MULTIPLE * floor.stageFloorMillis())
                  + ")";
      line(
          "Targets at "
              + count(Targets.SEQUENTIAL_STEPS_PER_SECOND)
              + " steps/s: "
              + p50
              + ", p99 ≤ "
              + Format.target(Targets.STAGE_P99_MS)
              + " ("
              + verdict(judged.perStage().p99() <= Targets.STAGE_P99_MS)
              + ") per stage.");
    } else {
      line(
          "The latency targets are judged at "
              + count(Targets.SEQUENTIAL_STEPS_PER_SECOND)
              + " steps/s, a rate this run did not measure.");
    }
    line();
  }

  private void latencyRow(
      String rate, String tasks, String label, LatencySummary latency, String older) {
    if (latency.isEmpty()) {
      row(rate, tasks, label, "—", "—", "—", "—", older);
      return;
    }
    row(
        rate,
        tasks,
        label,
        ms(latency.p50()),
        ms(latency.p95()),
        ms(latency.p99()),
        ms(latency.max()),
        older);
  }
}
