package dev.tributary.bench.report;

import static dev.tributary.bench.report.Format.count;
import static dev.tributary.bench.report.Format.medianMax;
import static dev.tributary.bench.report.Format.verdict;

import dev.tributary.bench.scenario.Readiness;

/** One scheduler tick over more and more active tasks. */
final class ReadinessSection extends Section {

  ReadinessSection(RunResults results, StringBuilder out) {
    super(results, out);
  }

  void readiness() {
    line("## 3. Readiness at scale");
    line();
    if (results.readiness().isEmpty()) {
      line("Not run.");
      line();
      return;
    }
    line(
        "N active `pipeline` tasks in the database (loaded with the processor's own creation"
            + " statement in batches of 5,000), each with its first step ready and four waiting;"
            + " then one scheduler tick, "
            + results.options().repetitions()
            + " times: the sweep's claim statement (ready"
            + " steps of any task, up to the sweep limit of 1,000), a signal-driven claim for one"
            + " poll of signalled tasks, and the whole sweep tick (`Sweeper.sweep()`: expired"
            + " dispatches, retries due, ready steps claimed and their dispatches sent to Kafka,"
            + " the ready-backlog count). Claims are rolled back (or, for whole ticks, put back)"
            + " between repetitions, so each sees the same data. \"Idle\" is the same with every"
            + " ready step in flight: the tick a quiet system runs every second. Median / max of"
            + " the repetitions. The older engine's figures are the Rails engine's readiness"
            + " computation after its optimisation.");
    line();
    line(
        "| active tasks | sweep claim | steps claimed | signal claim (tasks) | backlog count |"
            + " whole tick | idle claim | idle tick | older engine | target |");
    line("| ---: | --- | ---: | --- | --- | --- | --- | --- | ---: | --- |");
    for (Readiness.Row r : results.readiness()) {
      row(
          count(r.activeTasks()),
          "**" + medianMax(r.sweepClaim()) + "**",
          count(r.claimedPerTick()),
          medianMax(r.signalClaim()) + " (" + count(r.signalTasks()) + ")",
          medianMax(r.backlogCount()),
          medianMax(r.tick()),
          medianMax(r.idleClaim()),
          medianMax(r.idleTick()),
          Targets.olderReadiness(r.activeTasks()),
          r.activeTasks() >= Targets.READINESS_TASKS
              ? "≤ "
                  + Format.target(Targets.READINESS_TICK_MS)
                  + ": "
                  + verdict(r.sweepClaim().p50() <= Targets.READINESS_TICK_MS)
              : "—");
    }
    line();
    line(
        "A claim costs what it returns (at most the limit), not what the database holds: the"
            + " partial indexes hold only ready rows. The whole tick adds producing up to 1,000"
            + " dispatches and waiting for the broker's acknowledgements.");
    line();
  }
}
