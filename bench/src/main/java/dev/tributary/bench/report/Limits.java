package dev.tributary.bench.report;

import static dev.tributary.bench.report.Format.count;
import static dev.tributary.bench.report.Format.ms;
import static dev.tributary.bench.report.Format.percent;
import static dev.tributary.bench.report.Format.ratio;

import dev.tributary.bench.measure.CpuUsage;
import dev.tributary.bench.scenario.EndToEnd;
import dev.tributary.bench.scenario.Sequential;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What held the figures of a run back, read from the run itself: how busy the machine was, which
 * hop the latency queued in, and whether the latency target lies below what Kafka and a durable
 * commit take here. Each finding is stated only when the run measured what it rests on.
 */
final class Limits {

  /** A machine at least this busy had no CPU left to give. */
  static final double SATURATED = 0.90;

  private Limits() {}

  static List<String> of(RunResults results) {
    List<String> findings = new ArrayList<>();
    EndToEnd.Result judged = results.judgedEndToEnd();
    if (judged != null && judged.finished()) {
      cpu(
          judged.cpu(),
          "the end-to-end run of " + count(judged.tasks()) + " tasks",
          "throughput here is bound by CPU; the database floor ran PostgreSQL alone on them",
          findings);
      queue(judged.processorHop().p50(), judged.schedulerHop().p50(), "end to end", findings);
      scaling(judged, results.scaled(), findings);
    }
    Sequential.Result sequential = results.judgedSequential();
    if (sequential != null && sequential.finished()) {
      cpu(
          sequential.cpu(),
          "the sequential run at 1,000 steps/s",
          "a burst of results has no spare CPU to be worked off with",
          findings);
      queue(
          sequential.processorHop().p95(),
          sequential.schedulerHop().p95(),
          "at 1,000 steps/s (p95)",
          findings);
    }
    return findings;
  }

  private static void cpu(
      @Nullable CpuUsage cpu, String run, String consequence, List<String> findings) {
    if (cpu == null) {
      return;
    }
    double busy =
        cpu.cpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum()
            / (cpu.seconds() * cpu.cores());
    if (busy < SATURATED) {
      return;
    }
    findings.add(
        "**CPU.** During "
            + run
            + " the machine's "
            + cpu.cores()
            + " cores were "
            + percent(busy)
            + " busy: PostgreSQL "
            + percent(cpu.share(CpuUsage.POSTGRES))
            + ", the broker "
            + percent(cpu.share(CpuUsage.BROKER))
            + ", the services with the simulated workers and the feeder "
            + percent(cpu.share(CpuUsage.THIS_JVM))
            + ". Every process of the system shares these cores, so "
            + consequence
            + ".");
  }

  private static void queue(
      double processorMillis, double schedulerMillis, String where, List<String> findings) {
    if (processorMillis <= 0 && schedulerMillis <= 0) {
      return;
    }
    boolean processor = processorMillis >= schedulerMillis;
    findings.add(
        "**Queueing "
            + where
            + ".** The "
            + (processor ? "processor's" : "scheduler's")
            + " hop took "
            + ms(Math.max(processorMillis, schedulerMillis))
            + ", the "
            + (processor ? "scheduler's" : "processor's")
            + " "
            + ms(Math.min(processorMillis, schedulerMillis))
            + ": work waits in front of the "
            + (processor
                ? "processor, whose consumer thread applies one poll of results at a time."
                : "scheduler, whose consumer thread claims for one poll of signals at a time."));
  }

  private static void scaling(
      EndToEnd.Result one, EndToEnd.@Nullable Result two, List<String> findings) {
    if (two == null || !two.finished() || one.transitionsPerSecond() <= 0) {
      return;
    }
    findings.add(
        "**A second processor** on the same cores gave "
            + ratio(two.transitionsPerSecond() / one.transitionsPerSecond())
            + "× the throughput: the processor's queue shortens while the cores stay as busy.");
  }
}
