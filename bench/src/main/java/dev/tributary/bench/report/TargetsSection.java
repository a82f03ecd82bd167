package dev.tributary.bench.report;

import static dev.tributary.bench.report.Format.count;
import static dev.tributary.bench.report.Format.cpuMillis;
import static dev.tributary.bench.report.Format.ms;
import static dev.tributary.bench.report.Format.percent;
import static dev.tributary.bench.report.Format.ratio;
import static dev.tributary.bench.report.Format.signed;

import dev.tributary.bench.peer.DbosPipeline;
import dev.tributary.bench.scenario.DatabaseFloor;
import dev.tributary.bench.scenario.EndToEnd;
import dev.tributary.bench.scenario.Knee;
import dev.tributary.bench.scenario.LatencyFloor;
import dev.tributary.bench.scenario.Readiness;
import dev.tributary.bench.scenario.Sequential;
import dev.tributary.bench.scenario.WithHistory;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The targets, each met, missed or not measured, and the misses in plain words. */
final class TargetsSection extends Section {

  /**
   * One target's row.
   *
   * @param target the target, in words
   * @param measured what the run measured, or why it did not
   * @param met whether it was met; null when not measured
   * @param miss the miss in a few words, for the summary below the table
   */
  record Row(String target, String measured, @Nullable Boolean met, String miss) {

    static Row notMeasured(String target, String why) {
      return new Row(target, why, null, "");
    }
  }

  TargetsSection(RunResults results, StringBuilder out) {
    super(results, out);
  }

  void targets() {
    List<Row> rows = rows(results);
    line("## Targets");
    line();
    line("| target | measured | verdict |");
    line("| --- | --- | --- |");
    for (Row r : rows) {
      row(r.target(), r.measured(), r.met() == null ? "— not measured" : Format.verdict(r.met()));
    }
    line();
    List<String> missed =
        rows.stream().filter(r -> Boolean.FALSE.equals(r.met())).map(Row::miss).toList();
    if (rows.stream().allMatch(r -> r.met() == null)) {
      line("No target was measured in this run.");
    } else if (missed.isEmpty()) {
      line("Every target measured in this run was met.");
    } else {
      line("**Missed in this run:** " + String.join("; ", missed) + ".");
    }
    line();
  }

  static List<Row> rows(RunResults results) {
    List<Row> rows = new ArrayList<>();
    EndToEnd.Result judged = results.judgedEndToEnd();
    boolean saturated =
        judged != null && judged.finished() && judged.tasks() >= Targets.THROUGHPUT_TASKS;
    rows.add(throughput(judged, saturated));
    rows.add(floorFraction(judged, saturated, results.floor()));
    rows.add(cpuPerStep(judged, saturated));
    Sequential.Result sequential = results.judgedSequential();
    rows.add(stageP50(sequential, results.latencyFloor()));
    rows.add(stageP99(sequential));
    rows.add(knee(results.knee()));
    rows.addAll(history(results.history(), judged, sequential));
    rows.add(peer(judged, saturated, results.peer()));
    rows.add(readiness(results.readiness()));
    return rows;
  }

  private static Row throughput(EndToEnd.@Nullable Result judged, boolean saturated) {
    String target =
        "≥ "
            + count(Targets.TRANSITIONS_PER_SECOND)
            + " step transitions/s end to end (T = "
            + count(Targets.THROUGHPUT_TASKS)
            + ")";
    if (judged == null || !judged.finished()) {
      return Row.notMeasured(target, "not measured");
    }
    if (!saturated) {
      return Row.notMeasured(
          target,
          count(judged.transitionsPerSecond())
              + "/s at T = "
              + count(judged.tasks())
              + ", not judged below T = "
              + count(Targets.THROUGHPUT_TASKS));
    }
    double rate = judged.transitionsPerSecond();
    return new Row(
        target,
        count(rate) + "/s",
        rate >= Targets.TRANSITIONS_PER_SECOND,
        "end-to-end throughput is "
            + count(rate)
            + " step transitions/s, "
            + percent(rate / Targets.TRANSITIONS_PER_SECOND)
            + " of the target");
  }

  private static Row floorFraction(
      EndToEnd.@Nullable Result judged, boolean saturated, DatabaseFloor.@Nullable Result floor) {
    String target = "end to end ≥ " + percent(Targets.FLOOR_FRACTION) + " of the database floor";
    if (judged == null || !saturated || floor == null || floor.best() <= 0) {
      return Row.notMeasured(target, "not measured");
    }
    double fraction = judged.transitionsPerSecond() / floor.best();
    return new Row(
        target,
        percent(fraction)
            + " ("
            + count(judged.transitionsPerSecond())
            + " of "
            + count(floor.best())
            + " transitions/s)",
        fraction >= Targets.FLOOR_FRACTION,
        "end to end reaches " + percent(fraction) + " of the database floor");
  }

  private static Row cpuPerStep(EndToEnd.@Nullable Result judged, boolean saturated) {
    String target =
        "CPU per step at saturation ≤ "
            + cpuMillis(Targets.CPU_MS_PER_STEP)
            + " (every process of the system, T = "
            + count(Targets.THROUGHPUT_TASKS)
            + ")";
    if (judged == null || !saturated || judged.cpu() == null) {
      return Row.notMeasured(target, "not measured");
    }
    double perStep = judged.cpu().millisPer((double) judged.steps());
    return new Row(
        target,
        cpuMillis(perStep),
        perStep <= Targets.CPU_MS_PER_STEP,
        "a step costs " + cpuMillis(perStep) + " of CPU at saturation");
  }

  private static Row stageP50(
      Sequential.@Nullable Result sequential, LatencyFloor.@Nullable Result floor) {
    String target =
        "p50 ≤ "
            + ratio(Targets.STAGE_P50_FLOOR_MULTIPLE)
            + "× the latency floor per sequential stage at "
            + count(Targets.SEQUENTIAL_STEPS_PER_SECOND)
            + " steps/s";
    if (sequential == null || sequential.perStage().isEmpty() || floor == null) {
      return Row.notMeasured(target, "not measured");
    }
    double limit = Targets.STAGE_P50_FLOOR_MULTIPLE * floor.stageFloorMillis();
    double p50 = sequential.perStage().p50();
    return new Row(
        target,
        ms(p50)
            + " against a floor of "
            + ms(floor.stageFloorMillis())
            + " (limit "
            + ms(limit)
            + "), at "
            + count(sequential.achievedStepsPerSecond())
            + " steps/s",
        p50 <= limit,
        "sequential stage p50 is "
            + ms(p50)
            + ", "
            + ratio(p50 / floor.stageFloorMillis())
            + "× the floor");
  }

  private static Row stageP99(Sequential.@Nullable Result sequential) {
    String target =
        "p99 ≤ "
            + Format.target(Targets.STAGE_P99_MS)
            + " per sequential stage at "
            + count(Targets.SEQUENTIAL_STEPS_PER_SECOND)
            + " steps/s";
    if (sequential == null || sequential.perStage().isEmpty()) {
      return Row.notMeasured(target, "not measured");
    }
    double p99 = sequential.perStage().p99();
    return new Row(
        target,
        ms(p99) + " at " + count(sequential.achievedStepsPerSecond()) + " steps/s",
        p99 <= Targets.STAGE_P99_MS,
        "sequential stage p99 is " + ms(p99));
  }

  private static Row knee(Knee.@Nullable Result knee) {
    String target =
        "knee ≥ "
            + count(Targets.KNEE_STEPS_PER_SECOND)
            + " steps/s (the highest steady rate with stage p99 ≤ "
            + Format.target(Knee.P99_LIMIT_MS)
            + ")";
    if (knee == null || knee.steps().isEmpty()) {
      return Row.notMeasured(target, "not measured");
    }
    Sequential.Result last = knee.steps().getLast();
    boolean searchEnded = !last.equals(knee.knee());
    String measured =
        count(knee.stepsPerSecond())
            + " steps/s"
            + (searchEnded
                ? "; at "
                    + count(last.tasksPerSecond() * Sequential.STEPS_PER_TASK)
                    + " steps/s p99 was "
                    + ms(last.perStage().p99())
                : " (the highest rate tried)");
    return new Row(
        target,
        measured,
        knee.stepsPerSecond() >= Targets.KNEE_STEPS_PER_SECOND,
        "the knee is " + count(knee.stepsPerSecond()) + " steps/s");
  }

  private static List<Row> history(
      WithHistory.@Nullable Result history,
      EndToEnd.@Nullable Result empty,
      Sequential.@Nullable Result emptySequential) {
    String tasks = count(Targets.HISTORY_TASKS) + " finished tasks";
    String within = "within " + percent(Targets.HISTORY_TOLERANCE) + " of the empty database";
    String throughputTarget = "with " + tasks + ": end-to-end throughput " + within;
    String latencyTarget = "with " + tasks + ": stage p50 and p99 at 1,000 steps/s " + within;
    if (history == null || history.finishedTasks() < Targets.HISTORY_TASKS) {
      String why =
          history == null
              ? "not measured"
              : "not measured with "
                  + tasks
                  + " ("
                  + count((double) history.finishedTasks())
                  + " only)";
      return List.of(Row.notMeasured(throughputTarget, why), Row.notMeasured(latencyTarget, why));
    }
    List<Row> rows = new ArrayList<>();
    EndToEnd.Result full = history.endToEnd();
    if (full == null || !full.finished() || empty == null || !empty.finished()) {
      rows.add(Row.notMeasured(throughputTarget, "not measured"));
    } else {
      double ratio = full.transitionsPerSecond() / empty.transitionsPerSecond();
      rows.add(
          new Row(
              throughputTarget,
              count(full.transitionsPerSecond())
                  + " against "
                  + count(empty.transitionsPerSecond())
                  + " transitions/s ("
                  + signed(ratio - 1)
                  + ")",
              ratio >= 1 - Targets.HISTORY_TOLERANCE,
              "with a history, throughput is " + signed(ratio - 1) + " of the empty run's"));
    }
    Sequential.Result sequential = history.sequential();
    if (sequential == null
        || sequential.perStage().isEmpty()
        || emptySequential == null
        || emptySequential.perStage().isEmpty()) {
      rows.add(Row.notMeasured(latencyTarget, "not measured"));
    } else {
      double p50 = sequential.perStage().p50() / emptySequential.perStage().p50();
      double p99 = sequential.perStage().p99() / emptySequential.perStage().p99();
      double limit = 1 + Targets.HISTORY_TOLERANCE;
      rows.add(
          new Row(
              latencyTarget,
              "p50 "
                  + ms(sequential.perStage().p50())
                  + " ("
                  + signed(p50 - 1)
                  + "), p99 "
                  + ms(sequential.perStage().p99())
                  + " ("
                  + signed(p99 - 1)
                  + ")",
              p50 <= limit && p99 <= limit,
              "with a history, stage p50 changes by "
                  + signed(p50 - 1)
                  + " and p99 by "
                  + signed(p99 - 1)));
    }
    return rows;
  }

  private static Row peer(
      EndToEnd.@Nullable Result judged, boolean saturated, DbosPipeline.@Nullable Result peer) {
    String target =
        "≥ "
            + ratio(Targets.PEER_MULTIPLE)
            + "× DBOS Transact's steps per CPU-second (the same pipeline, same machine)";
    if (judged == null
        || !saturated
        || judged.cpu() == null
        || peer == null
        || !peer.finished()
        || peer.cpuMillisPerStep() <= 0) {
      return Row.notMeasured(target, "not measured");
    }
    double ours = 1000 / judged.cpu().millisPer((double) judged.steps());
    double theirs = 1000 / peer.cpuMillisPerStep();
    return new Row(
        target,
        count(ours) + " against " + count(theirs) + " (" + ratio(ours / theirs) + "×)",
        ours >= Targets.PEER_MULTIPLE * theirs,
        "Tributary does " + ratio(ours / theirs) + "× DBOS's steps per CPU-second");
  }

  private static Row readiness(List<Readiness.Row> readiness) {
    String target =
        "readiness tick over "
            + count(Targets.READINESS_TASKS)
            + " active tasks ≤ "
            + Format.target(Targets.READINESS_TICK_MS)
            + " (the sweep's claim statement, median)";
    Readiness.Row largest =
        readiness.stream()
            .filter(r -> r.activeTasks() >= Targets.READINESS_TASKS)
            .findFirst()
            .orElse(null);
    if (largest == null) {
      return Row.notMeasured(
          target,
          "not measured (largest size run: "
              + (readiness.isEmpty() ? "none" : count(readiness.getLast().activeTasks()))
              + ")");
    }
    return new Row(
        target,
        ms(largest.sweepClaim().p50()) + " (max " + ms(largest.sweepClaim().max()) + ")",
        largest.sweepClaim().p50() <= Targets.READINESS_TICK_MS,
        "the readiness tick over "
            + count(largest.activeTasks())
            + " active tasks takes "
            + ms(largest.sweepClaim().p50()));
  }
}
