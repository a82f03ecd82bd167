package dev.tributary.bench.report;

import static dev.tributary.bench.report.Format.count;
import static dev.tributary.bench.report.Format.ms;
import static dev.tributary.bench.report.Format.percentiles;
import static dev.tributary.bench.report.Format.ratio;
import static dev.tributary.bench.report.Format.seconds;

import dev.tributary.bench.measure.LatencySummary;
import dev.tributary.bench.scenario.EndToEnd;
import java.util.ArrayList;
import java.util.List;

/** End-to-end throughput, and one processor against two. */
final class ThroughputSection extends Section {

  ThroughputSection(RunResults results, StringBuilder out) {
    super(results, out);
  }

  void endToEnd() {
    line("## 1. End-to-end throughput");
    line();
    line(
        "T tasks of the five-step `pipeline` workflow (a diamond: a → b, c → d, plus one more"
            + " stage, d → e) are requested at once on the task-requests topic. One processor,"
            + " one scheduler (both with their shipped configuration) and simulated workers run"
            + " them to completion. The workers answer every dispatch at once from their consumer"
            + " thread with a success"
            + (results.options().sendStarted() ? " (preceded by `started`)" : "")
            + ", doing no handler work: the worker library with trivial handlers would add its"
            + " per-step virtual threads and offset bookkeeping to the same two cores, which"
            + " would measure the worker more than the core. A step transition is one state"
            + " change of a step, one audit row in `step_transitions`: here a claim"
            + (results.options().sendStarted() ? ", a start" : "")
            + " and a completion per step. Time runs from the first request produced to the last"
            + " task completed. Latency is taken from Kafka record timestamps (ms resolution):"
            + " a result produced → the dependent step's dispatch produced (for d, the later of"
            + " b's and c's results), and a request produced → the first step's dispatch.");
    line();
    line(
        "| tasks | processors | time | tasks/s | steps/s | step transitions/s | result → next"
            + " dispatch p50 / p95 / p99 / max | of which processor (→ signal) p50 / p99 | of"
            + " which scheduler (signal →) p50 / p99 | request → first dispatch p50 / p99 |"
            + " statements per step |");
    line("| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- | ---: |");
    List<EndToEnd.Result> runs = new ArrayList<>(results.endToEnd());
    if (results.scaled() != null) {
      runs.add(results.scaled());
    }
    for (EndToEnd.Result r : runs) {
      if (!r.finished()) {
        row(
            count(r.tasks()),
            String.valueOf(r.processors()),
            "did not finish",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "");
        continue;
      }
      row(
          count(r.tasks()) + (r.hotSpots() != null ? " (profiled)" : ""),
          String.valueOf(r.processors()),
          seconds(r.seconds()),
          count(r.tasksPerSecond()),
          count(r.stepsPerSecond()),
          "**" + count(r.transitionsPerSecond()) + "**",
          percentiles(r.stage()),
          p50p99(r.processorHop()),
          p50p99(r.schedulerHop()),
          p50p99(r.firstDispatch()),
          ratio(r.statementsPerStep()));
    }
    line();
    if (runs.stream().anyMatch(r -> r.hotSpots() != null)) {
      line(
          "A run marked \"profiled\" ran under Java Flight Recorder (`--profile`), which costs a"
              + " few per cent.");
      line();
    }
    line(
        "Under this load latency is mostly queueing: every task is requested at once, so a"
            + " dispatch waits behind the backlog. Sequential latency at a steady rate is"
            + " section 6. No older engine published an end-to-end throughput figure to set"
            + " beside these.");
    line();
    EndToEnd.Result judged = results.judgedEndToEnd();
    if (judged != null && judged.finished() && judged.cpu() != null) {
      cpuTable("the T = " + count(judged.tasks()) + " run", judged.cpu());
    }
    if (judged != null && judged.finished() && !judged.statementsByThread().isEmpty()) {
      line(
          "Statements during the T = "
              + count(judged.tasks())
              + " run, by service and thread"
              + " (every statement the services ran through jOOQ, background loops included;"
              + " BEGIN/COMMIT not counted):");
      line();
      line("| service and thread | statements | per step |");
      line("| --- | ---: | ---: |");
      judged.statementsByThread().entrySet().stream()
          .filter(e -> e.getValue() > 0)
          .forEach(
              e ->
                  row(
                      "`" + e.getKey() + "`",
                      count((double) e.getValue()),
                      ratio((double) e.getValue() / Math.max(1, judged.steps()))));
      row("**all**", count((double) judged.statements()), ratio(judged.statementsPerStep()));
      line();
    }
  }

  private static String p50p99(LatencySummary latency) {
    return latency.isEmpty() ? "—" : ms(latency.p50()) + " / " + ms(latency.p99());
  }

  void scaling() {
    line("## 5. Scaling: one processor versus two");
    line();
    EndToEnd.Result scaled = results.scaled();
    EndToEnd.Result baseline = results.scalingBaseline();
    if (scaled == null || baseline == null || !scaled.finished() || !baseline.finished()) {
      line("Not run (or did not finish).");
      line();
      return;
    }
    line(
        "The end-to-end run of "
            + count(scaled.tasks())
            + " tasks again with two processor"
            + " instances in the same consumer group (and one scheduler), on the same two cores.");
    line();
    line("| processors | step transitions/s | ratio |");
    line("| ---: | ---: | ---: |");
    row("1", count(baseline.transitionsPerSecond()), "1.00");
    row(
        "2",
        count(scaled.transitionsPerSecond()),
        "**" + ratio(scaled.transitionsPerSecond() / baseline.transitionsPerSecond()) + "**");
    line();
    line(
        "On one two-core machine a second instance competes with the first (and with the"
            + " scheduler, the broker, PostgreSQL and the workers) for the same cores; the ratio"
            + " shows the overhead or headroom of running two, not the scaling across machines.");
    line();
  }
}
