package dev.tributary.bench.scenario;

import static dev.tributary.store.schema.Tables.TASKS;

import dev.tributary.bench.console.Progress;
import dev.tributary.bench.console.Terminal;
import dev.tributary.bench.infra.Infrastructure;
import dev.tributary.bench.infra.ScenarioEnvironment;
import dev.tributary.bench.measure.CpuUsage;
import dev.tributary.bench.measure.LatencySummary;
import dev.tributary.bench.measure.Samples;
import dev.tributary.bench.system.BenchCluster;
import dev.tributary.bench.system.InstantWorkers;
import dev.tributary.bench.system.SignalProbe;
import dev.tributary.bench.system.TaskFeeder;
import dev.tributary.bench.system.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jspecify.annotations.Nullable;

/**
 * Sequential latency: tasks of the four-step linear workflow requested at a steady rate (by default
 * 250 tasks/s, i.e. 1,000 steps/s), each step waiting for the one before. Per stage: from a step's
 * result produced to the next step's dispatch produced. Per task: from its request produced to its
 * completion (the processor's clock). A warm-up at the same rate runs first and is left out, and
 * measuring starts once its tasks are complete.
 */
public final class Sequential {

  public static final int STEPS_PER_TASK = 4;
  private static final String TEMPLATE = "linear";
  private static final String WARMUP = "w-";
  private static final String MEASURED = "m-";

  /**
   * One run's figures.
   *
   * @param tasksPerSecond the rate requested
   * @param tasks tasks measured
   * @param finished whether they all completed
   * @param achievedStepsPerSecond steps requested per second, as achieved by the feeder
   * @param perTask request produced to task completed
   * @param perStage a result produced to the next step's dispatch produced
   * @param processorHop the processor's part of a stage: a result produced → the task's signal
   *     produced
   * @param schedulerHop the scheduler's part: that signal produced → the dispatch produced
   * @param firstDispatch request produced to the first step's dispatch produced
   * @param byStep per stage, by the step dispatched
   * @param statements statements of all services while the measured tasks ran
   * @param cpu where the machine's CPU went while the measured tasks were requested
   */
  public record Result(
      double tasksPerSecond,
      int tasks,
      boolean finished,
      double achievedStepsPerSecond,
      LatencySummary perTask,
      LatencySummary perStage,
      LatencySummary processorHop,
      LatencySummary schedulerHop,
      LatencySummary firstDispatch,
      Map<String, LatencySummary> byStep,
      long statements,
      @Nullable CpuUsage cpu) {

    public double statementsPerStep() {
      return tasks > 0 ? (double) statements / (tasks * STEPS_PER_TASK) : 0;
    }

    /** The run in one line, for the console. */
    public String summary() {
      return String.format(
          java.util.Locale.ROOT,
          "%.0f tasks/s: per stage p50 %.1f ms, p99 %.1f ms; per task p50 %.1f ms (%d tasks)",
          tasksPerSecond,
          perStage.p50(),
          perStage.p99(),
          perTask.p50(),
          tasks);
    }
  }

  private Sequential() {}

  public static Result run(
      Infrastructure infrastructure,
      double tasksPerSecond,
      Duration warmup,
      Duration measured,
      boolean sendStarted) {
    ScenarioEnvironment environment =
        infrastructure.prepare("sequential_" + Math.round(tasksPerSecond * STEPS_PER_TASK));
    try {
      return run(
          infrastructure,
          environment,
          String.format(java.util.Locale.ROOT, "sequential %.0f tasks/s", tasksPerSecond),
          tasksPerSecond,
          warmup,
          measured,
          sendStarted);
    } finally {
      infrastructure.release(environment);
    }
  }

  /**
   * Runs the scenario on a database that may already hold tasks (see {@link History}); the caller
   * releases the environment.
   */
  @SuppressWarnings("try") // the progress indicator runs until the block ends
  public static Result run(
      Infrastructure infrastructure,
      ScenarioEnvironment environment,
      String label,
      double tasksPerSecond,
      Duration warmup,
      Duration measured,
      boolean sendStarted) {
    DSLContext db = environment.database().dsl();
    try (BenchCluster cluster = environment.cluster()) {
      Terminal.line("  " + label + ": starting services");
      cluster.startProcessor("processor");
      cluster.startScheduler("scheduler");
      try (Workload workload =
          Workload.start(
              environment.bootstrapServers(), environment.topics(), sendStarted, MEASURED)) {
        InstantWorkers workers = workload.workers();
        TaskFeeder feeder = workload.feeder();
        SignalProbe probe = workload.probe();
        int warmedUp;
        try (Progress progress =
            Progress.start(
                label + " warm-up", () -> Completion.completed(db, WARMUP), 0, "tasks")) {
          warmedUp = feeder.sendAtRate(TEMPLATE, WARMUP, tasksPerSecond, warmup);
        }
        // Fresh services start behind (the consumer groups join, the connection pools fill): the
        // measured window starts once the warm-up's tasks are done, not in their backlog.
        Completion.await(db, WARMUP, warmedUp, label + " warm-up draining", Duration.ofSeconds(30));
        cluster.resetStatements();
        CpuUsage.Snapshot cpuBefore = infrastructure.cpu();
        long started = System.nanoTime();
        int tasks;
        try (Progress progress =
            Progress.start(
                label, () -> Completion.completed(db, MEASURED), 0, "measured tasks complete")) {
          tasks = feeder.sendAtRate(TEMPLATE, MEASURED, tasksPerSecond, measured);
        }
        double sendSeconds = (System.nanoTime() - started) / 1e9;
        CpuUsage cpu = cpuBefore.until(infrastructure.cpu());
        boolean finished =
            Completion.await(db, MEASURED, tasks, label + " draining", Duration.ofSeconds(30));
        long statements = cluster.statements();
        Samples perTask = new Samples();
        for (Record2<String, Instant> task :
            db.select(TASKS.CORRELATION_ID, TASKS.COMPLETED_AT)
                .from(TASKS)
                .where(TASKS.CORRELATION_ID.startsWith(MEASURED))
                .and(TASKS.COMPLETED_AT.isNotNull())
                .fetch()) {
          Long requested = workload.requestTimes().get(task.value1());
          if (requested != null) {
            perTask.add(EndToEnd.toMillis(task.value2()) - requested);
          }
        }
        Samples processorHop = new Samples();
        Samples schedulerHop = new Samples();
        probe.split(workers.stages(), processorHop, schedulerHop);
        Map<String, LatencySummary> byStep = new TreeMap<>();
        workers
            .stageLatencyByStep()
            .forEach((step, samples) -> byStep.put(step, samples.summary()));
        return new Result(
            tasksPerSecond,
            tasks,
            finished,
            tasks * STEPS_PER_TASK / sendSeconds,
            perTask.summary(),
            workers.stageLatency().summary(),
            processorHop.summary(),
            schedulerHop.summary(),
            workers.firstDispatchLatency().summary(),
            byStep,
            statements,
            cpu);
      }
    }
  }
}
