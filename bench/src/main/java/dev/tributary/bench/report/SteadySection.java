package dev.tributary.bench.report;

import static dev.tributary.bench.report.Format.count;
import static dev.tributary.bench.report.Format.cpuMillis;
import static dev.tributary.bench.report.Format.ms;
import static dev.tributary.bench.report.Format.seconds;
import static dev.tributary.bench.report.Format.signed;

import dev.tributary.bench.measure.CpuUsage;
import dev.tributary.bench.peer.DbosPipeline;
import dev.tributary.bench.scenario.EndToEnd;
import dev.tributary.bench.scenario.Knee;
import dev.tributary.bench.scenario.LibraryEndToEnd;
import dev.tributary.bench.scenario.Sequential;
import dev.tributary.bench.scenario.WithHistory;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The knee, the CPU a step costs in each process, the runs over a history, the peer and the worker
 * library.
 */
final class SteadySection extends Section {

  SteadySection(RunResults results, StringBuilder out) {
    super(results, out);
  }

  void knee() {
    line("## 7. The knee");
    line();
    Knee.Result knee = results.knee();
    if (knee == null || knee.steps().isEmpty()) {
      line("Not run.");
      line();
      return;
    }
    line(
        "The sequential workload at rising steady rates, each on fresh services ("
            + seconds(results.options().kneeDuration().toMillis() / 1000.0)
            + " measured after a warm-up), until the stage p99 passes "
            + Format.target(Knee.P99_LIMIT_MS)
            + ". The knee is the last rate that held: **"
            + count(knee.stepsPerSecond())
            + " steps/s**.");
    line();
    line("| rate | achieved | stage p50 | stage p99 | processor hop p99 | CPU per step | held |");
    line("| ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    for (Sequential.Result step : knee.steps()) {
      boolean held = step.finished() && step.perStage().p99() <= Knee.P99_LIMIT_MS;
      CpuUsage cpu = step.cpu();
      row(
          count(step.tasksPerSecond() * Sequential.STEPS_PER_TASK) + " steps/s",
          count(step.achievedStepsPerSecond()),
          ms(step.perStage().p50()),
          ms(step.perStage().p99()),
          ms(step.processorHop().p99()),
          cpu == null
              ? "—"
              : cpuMillis(cpu.millisPer(step.achievedStepsPerSecond() * cpu.seconds())),
          held ? "yes" : step.finished() ? "no" : "no (not all finished)");
    }
    line();
  }

  /** A measured run: its CPU and the steps completed meanwhile. */
  private record Run(String name, CpuUsage cpu, double steps) {

    String perStep(String who) {
      return cpuMillis(cpu.millisPer(who, steps));
    }
  }

  void cpuPerStep() {
    line("## 8. CPU per step, by process");
    line();
    List<Run> runs = new ArrayList<>();
    EndToEnd.Result judged = results.judgedEndToEnd();
    if (judged != null && judged.finished() && judged.cpu() != null) {
      runs.add(
          new Run(
              "at saturation (T = " + count(judged.tasks()) + ")",
              judged.cpu(),
              (double) judged.steps()));
    }
    Knee.Result knee = results.knee();
    Sequential.Result atKnee = knee == null ? null : knee.knee();
    if (knee != null && atKnee != null && atKnee.cpu() != null) {
      runs.add(
          new Run(
              "at the knee (" + count(knee.stepsPerSecond()) + " steps/s)",
              atKnee.cpu(),
              atKnee.achievedStepsPerSecond() * atKnee.cpu().seconds()));
    }
    if (runs.isEmpty()) {
      line("Not measured.");
      line();
      return;
    }
    line(
        "Milliseconds of CPU per step completed, by process, read from the operating system's"
            + " counters over the measured part. The services, the simulated workers and the"
            + " feeder share one JVM; the broker and PostgreSQL are processes of their own.");
    line();
    line("| process | " + String.join(" | ", runs.stream().map(Run::name).toList()) + " |");
    line("| --- |" + " ---: |".repeat(runs.size()));
    for (String who : List.of(CpuUsage.THIS_JVM, CpuUsage.BROKER, CpuUsage.POSTGRES)) {
      List<String> cells = new ArrayList<>(List.of(who));
      runs.forEach(run -> cells.add(run.perStep(who)));
      row(cells.toArray(String[]::new));
    }
    List<String> all = new ArrayList<>(List.of("**all**"));
    runs.forEach(run -> all.add("**" + cpuMillis(run.cpu().millisPer(run.steps())) + "**"));
    row(all.toArray(String[]::new));
    line();
  }

  void history() {
    line("## 9. With a history of finished tasks");
    line();
    WithHistory.Result history = results.history();
    if (history == null) {
      line("Not run.");
      line();
      return;
    }
    line(
        "The end-to-end run (T = "
            + count(results.options().largestTasks())
            + ") and the sequential run at 1,000 steps/s again, over a database that already"
            + " held **"
            + count((double) history.finishedTasks())
            + " finished tasks** with their steps, edges and audit rows (built in "
            + seconds(history.buildSeconds())
            + ": 2,000 tasks run through the system, then copied under new ids).");
    line();
    line("| run | empty database | with the history | change |");
    line("| --- | ---: | ---: | ---: |");
    EndToEnd.Result empty = results.judgedEndToEnd();
    EndToEnd.Result full = history.endToEnd();
    if (empty != null && full != null && empty.finished() && full.finished()) {
      compare(
          "end to end, step transitions/s",
          empty.transitionsPerSecond(),
          full.transitionsPerSecond(),
          count(empty.transitionsPerSecond()),
          count(full.transitionsPerSecond()));
    }
    Sequential.Result emptySequential = results.judgedSequential();
    Sequential.Result fullSequential = history.sequential();
    if (emptySequential != null && fullSequential != null) {
      compare(
          "1,000 steps/s, stage p50",
          emptySequential.perStage().p50(),
          fullSequential.perStage().p50(),
          ms(emptySequential.perStage().p50()),
          ms(fullSequential.perStage().p50()));
      compare(
          "1,000 steps/s, stage p99",
          emptySequential.perStage().p99(),
          fullSequential.perStage().p99(),
          ms(emptySequential.perStage().p99()),
          ms(fullSequential.perStage().p99()));
    }
    line();
  }

  private void compare(String run, double before, double after, String was, String is) {
    row(run, was, is, before > 0 ? signed(after / before - 1) : "—");
  }

  void peers() {
    line("## 10. Side by side: DBOS Transact, and the worker library");
    line();
    DbosPipeline.Result peer = results.peer();
    LibraryEndToEnd.Result library = results.library();
    EndToEnd.Result judged = results.judgedEndToEnd();
    if (peer == null && library == null) {
      line("Not run.");
      line();
      return;
    }
    line(
        "The same five-step pipeline, T = "
            + count(results.options().largestTasks())
            + ", on the same PostgreSQL server and machine. **DBOS Transact for Java** runs each"
            + " workflow in this JVM and checkpoints every step in PostgreSQL: no broker hop, no"
            + " separate scheduler or worker (b and c run as child workflows, DBOS's way to run"
            + " steps at once, which costs it extra checkpoints). **The worker library** runs"
            + " Tributary's workers as users do, with trivial handlers, in a JVM of its own so that"
            + " its CPU is counted apart. CPU is every process of the system: the JVMs, the broker"
            + " and PostgreSQL.");
    line();
    line(
        "| run | steps/s | CPU per step, all | … the workers | … PostgreSQL | steps per"
            + " CPU-second |");
    line("| --- | ---: | ---: | ---: | ---: | ---: |");
    if (judged != null && judged.finished()) {
      peerRow(
          "Tributary, simulated workers (section 1)",
          judged.stepsPerSecond(),
          judged.cpu(),
          judged.steps(),
          "(in the services' JVM)");
    }
    if (library != null && library.finished()) {
      peerRow(
          "Tributary, worker library",
          library.stepsPerSecond(),
          library.cpu(),
          library.steps(),
          cpuMillis(library.workerCpuMillisPerStep()));
    }
    if (peer != null && peer.finished()) {
      peerRow(
          "DBOS Transact " + DbosPipeline.VERSION,
          peer.stepsPerSecond(),
          peer.cpu(),
          peer.steps(),
          "(in-process)");
    }
    line();
  }

  /**
   * One run of the side-by-side table.
   *
   * @param workers the workers' CPU per step, or where they ran
   */
  private void peerRow(
      String run, double stepsPerSecond, @Nullable CpuUsage cpu, long steps, String workers) {
    if (cpu == null || steps <= 0) {
      return;
    }
    double perStep = cpu.millisPer((double) steps);
    row(
        run,
        count(stepsPerSecond),
        cpuMillis(perStep),
        workers,
        cpuMillis(cpu.millisPer(CpuUsage.POSTGRES, (double) steps)),
        count(1000 / perStep));
  }
}
