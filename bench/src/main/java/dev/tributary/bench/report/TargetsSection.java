package dev.tributary.bench.report;

import static dev.tributary.bench.report.Format.count;
import static dev.tributary.bench.report.Format.ms;
import static dev.tributary.bench.report.Format.percent;
import static dev.tributary.bench.report.Format.verdict;

import dev.tributary.bench.scenario.DatabaseFloor;
import dev.tributary.bench.scenario.EndToEnd;
import dev.tributary.bench.scenario.Readiness;
import dev.tributary.bench.scenario.Sequential;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The targets, each met or missed, and the misses in plain words. */
final class TargetsSection extends Section {

  TargetsSection(RunResults results, StringBuilder out) {
    super(results, out);
  }

  void targets() {
    line("## Targets");
    line();
    line("| target | measured | verdict |");
    line("| --- | --- | --- |");
    EndToEnd.Result judged = results.judgedEndToEnd();
    if (judged != null && judged.finished() && judged.tasks() >= Targets.THROUGHPUT_TASKS) {
      row(
          "≥ "
              + count(Targets.TRANSITIONS_PER_SECOND)
              + " step transitions/s end to end (T = "
              + count(judged.tasks())
              + ", this machine)",
          count(judged.transitionsPerSecond()) + "/s",
          verdict(judged.transitionsPerSecond() >= Targets.TRANSITIONS_PER_SECOND));
    } else {
      row(
          "≥ "
              + count(Targets.TRANSITIONS_PER_SECOND)
              + " step transitions/s end to end (T = "
              + count(Targets.THROUGHPUT_TASKS)
              + ")",
          judged == null || !judged.finished()
              ? "not measured"
              : count(judged.transitionsPerSecond()) + "/s at T = " + count(judged.tasks()),
          "— not measured at T = " + count(Targets.THROUGHPUT_TASKS));
    }
    Sequential.Result sequential = results.judgedSequential();
    if (sequential != null && !sequential.perStage().isEmpty()) {
      String at = " at " + count(sequential.achievedStepsPerSecond()) + " steps/s";
      row(
          "p50 ≤ "
              + Format.target(Targets.STAGE_P50_MS)
              + " per sequential stage at "
              + count(Targets.SEQUENTIAL_STEPS_PER_SECOND)
              + " steps/s",
          ms(sequential.perStage().p50()) + at,
          verdict(sequential.perStage().p50() <= Targets.STAGE_P50_MS));
      row(
          "p99 ≤ "
              + Format.target(Targets.STAGE_P99_MS)
              + " per sequential stage at "
              + count(Targets.SEQUENTIAL_STEPS_PER_SECOND)
              + " steps/s",
          ms(sequential.perStage().p99()) + at,
          verdict(sequential.perStage().p99() <= Targets.STAGE_P99_MS));
    } else {
      row("p50 ≤ 5 ms and p99 ≤ 25 ms per sequential stage", "not measured", "—");
    }
    Readiness.Row largest =
        results.readiness().stream()
            .filter(r -> r.activeTasks() >= Targets.READINESS_TASKS)
            .findFirst()
            .orElse(null);
    if (largest != null) {
      row(
          "readiness tick over "
              + count(Targets.READINESS_TASKS)
              + " active tasks ≤ "
              + Format.target(Targets.READINESS_TICK_MS)
              + " (the sweep's claim statement, median)",
          ms(largest.sweepClaim().p50()) + " (max " + ms(largest.sweepClaim().max()) + ")",
          verdict(largest.sweepClaim().p50() <= Targets.READINESS_TICK_MS));
    } else {
      row(
          "readiness tick over "
              + count(Targets.READINESS_TASKS)
              + " active tasks ≤ "
              + Format.target(Targets.READINESS_TICK_MS),
          "not measured (largest size run: "
              + (results.readiness().isEmpty()
                  ? "none"
                  : count(results.readiness().getLast().activeTasks()))
              + ")",
          "— not measured");
    }
    DatabaseFloor.Result floor = results.floor();
    if (judged != null && judged.finished() && floor != null && floor.best() > 0) {
      double fraction = judged.transitionsPerSecond() / floor.best();
      row(
          "end to end ≥ " + percent(Targets.FLOOR_FRACTION) + " of the database floor",
          percent(fraction)
              + " ("
              + count(judged.transitionsPerSecond())
              + " of "
              + count(floor.best())
              + " transitions/s, T = "
              + count(judged.tasks())
              + ")",
          verdict(fraction >= Targets.FLOOR_FRACTION));
    } else {
      row("end to end ≥ 50 % of the database floor", "not measured", "—");
    }
    line();
    List<String> missed = missedTargets(judged, sequential, largest, floor);
    boolean measured =
        (judged != null && judged.finished() && judged.tasks() >= Targets.THROUGHPUT_TASKS)
            || (sequential != null && !sequential.perStage().isEmpty())
            || largest != null
            || (judged != null && judged.finished() && floor != null);
    if (!measured) {
      line("No target was measured in this run.");
    } else if (missed.isEmpty()) {
      line("Every target measured in this run was met.");
    } else {
      line("**Missed in this run:** " + String.join("; ", missed) + ".");
    }
    line();
  }

  private static List<String> missedTargets(
      EndToEnd.@Nullable Result judged,
      Sequential.@Nullable Result sequential,
      Readiness.@Nullable Row largest,
      DatabaseFloor.@Nullable Result floor) {
    List<String> missed = new ArrayList<>();
    if (judged != null
        && judged.finished()
        && judged.tasks() >= Targets.THROUGHPUT_TASKS
        && judged.transitionsPerSecond() < Targets.TRANSITIONS_PER_SECOND) {
      missed.add(
          "end-to-end throughput is "
              + count(judged.transitionsPerSecond())
              + " step transitions/s, "
              + percent(judged.transitionsPerSecond() / Targets.TRANSITIONS_PER_SECOND)
              + " of the target");
    }
    if (sequential != null && !sequential.perStage().isEmpty()) {
      if (sequential.perStage().p50() > Targets.STAGE_P50_MS) {
        missed.add("sequential stage p50 is " + ms(sequential.perStage().p50()));
      }
      if (sequential.perStage().p99() > Targets.STAGE_P99_MS) {
        missed.add("sequential stage p99 is " + ms(sequential.perStage().p99()));
      }
    }
    if (largest != null && largest.sweepClaim().p50() > Targets.READINESS_TICK_MS) {
      missed.add(
          "the readiness tick over "
              + count(largest.activeTasks())
              + " active tasks takes "
              + ms(largest.sweepClaim().p50()));
    }
    if (judged != null
        && judged.finished()
        && floor != null
        && floor.best() > 0
        && judged.transitionsPerSecond() / floor.best() < Targets.FLOOR_FRACTION) {
      missed.add(
          "end to end reaches "
              + percent(judged.transitionsPerSecond() / floor.best())
              + " of the database floor");
    }
    return missed;
  }
}
