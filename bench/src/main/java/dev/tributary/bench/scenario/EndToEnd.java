package dev.tributary.bench.scenario;

import static dev.tributary.store.schema.Tables.STEP_TRANSITIONS;
import static dev.tributary.store.schema.Tables.TASKS;

import dev.tributary.bench.console.Terminal;
import dev.tributary.bench.infra.Infrastructure;
import dev.tributary.bench.infra.ScenarioEnvironment;
import dev.tributary.bench.measure.CpuUsage;
import dev.tributary.bench.measure.LatencySummary;
import dev.tributary.bench.measure.Samples;
import dev.tributary.bench.profile.HotSpots;
import dev.tributary.bench.profile.Profiler;
import dev.tributary.bench.system.BenchCluster;
import dev.tributary.bench.system.InstantWorkers;
import dev.tributary.bench.system.SignalProbe;
import dev.tributary.bench.system.TaskFeeder;
import dev.tributary.bench.system.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/**
 * End-to-end throughput: T tasks of the five-step pipeline requested at once (on the task-requests
 * topic), run by processors, a scheduler and workers that answer at once, until every task is
 * complete. A warm-up of a few hundred tasks runs first on the same services (group assignment,
 * connection pools, JIT) and is left out of every figure.
 */
public final class EndToEnd {

  /** Steps of the pipeline template. */
  public static final int STEPS_PER_TASK = 5;

  static final String TEMPLATE = "pipeline";
  static final String WARMUP = "w-";
  static final String MEASURED = "m-";
  private static final Duration STALL = Duration.ofSeconds(60);

  /**
   * One run's figures.
   *
   * @param tasks tasks requested
   * @param processors processor instances
   * @param finished whether every task completed
   * @param seconds from the first request produced to the last task completed
   * @param steps steps completed
   * @param transitions step state changes recorded (claim, start, completion: one audit row each)
   * @param stage from a result produced to the dependent step's dispatch produced
   * @param processorHop the processor's part of a stage: a result produced → the task's signal
   *     produced
   * @param schedulerHop the scheduler's part: that signal produced → the dispatch produced
   * @param firstDispatch from a task request produced to its first step's dispatch produced
   * @param statements statements of all services during the run (background loops included)
   * @param statementsByThread the same by service and thread
   * @param cpu where the machine's CPU went while the measured tasks ran
   * @param hotSpots the profile, when recorded
   */
  public record Result(
      int tasks,
      int processors,
      boolean finished,
      double seconds,
      long steps,
      long transitions,
      LatencySummary stage,
      LatencySummary processorHop,
      LatencySummary schedulerHop,
      LatencySummary firstDispatch,
      long statements,
      Map<String, Long> statementsByThread,
      @Nullable CpuUsage cpu,
      @Nullable HotSpots hotSpots) {

    public double tasksPerSecond() {
      return seconds > 0 ? tasks / seconds : 0;
    }

    public double stepsPerSecond() {
      return seconds > 0 ? steps / seconds : 0;
    }

    public double transitionsPerSecond() {
      return seconds > 0 ? transitions / seconds : 0;
    }

    public double statementsPerStep() {
      return steps > 0 ? (double) statements / steps : 0;
    }

    /** The run in one line, for the console. */
    public String summary() {
      if (!finished) {
        return tasks + " tasks, " + processors + " processor(s): did not finish";
      }
      return String.format(
          java.util.Locale.ROOT,
          "%,d tasks, %d processor(s): %.1f s, %,.0f tasks/s, %,.0f steps/s, %,.0f step"
              + " transitions/s; stage p50 %.0f ms, p99 %.0f ms; %.2f statements/step",
          tasks,
          processors,
          seconds,
          tasksPerSecond(),
          stepsPerSecond(),
          transitionsPerSecond(),
          stage.p50(),
          stage.p99(),
          statementsPerStep());
    }
  }

  private EndToEnd() {}

  /**
   * Runs the scenario.
   *
   * @param profile where to write a flight recording of the measured part; none when null
   */
  public static Result run(
      Infrastructure infrastructure,
      int tasks,
      int processors,
      int warmupTasks,
      boolean sendStarted,
      @Nullable Path profile) {
    ScenarioEnvironment environment = infrastructure.prepare("e2e_" + tasks + "_" + processors);
    try {
      return run(
          infrastructure,
          environment,
          "e2e " + tasks + " tasks, " + processors + " processor(s)",
          tasks,
          processors,
          warmupTasks,
          sendStarted,
          profile);
    } finally {
      infrastructure.release(environment);
    }
  }

  /**
   * Runs the scenario on a database that may already hold tasks (see {@link History}); the caller
   * releases the environment.
   */
  public static Result run(
      Infrastructure infrastructure,
      ScenarioEnvironment environment,
      String label,
      int tasks,
      int processors,
      int warmupTasks,
      boolean sendStarted,
      @Nullable Path profile) {
    DSLContext db = environment.database().dsl();
    try (BenchCluster cluster = environment.cluster()) {
      Terminal.line("  " + label + ": starting services");
      for (int i = 1; i <= processors; i++) {
        cluster.startProcessor("processor-" + i);
      }
      cluster.startScheduler("scheduler");
      try (Workload workload =
          Workload.start(
              environment.bootstrapServers(), environment.topics(), sendStarted, MEASURED)) {
        InstantWorkers workers = workload.workers();
        TaskFeeder feeder = workload.feeder();
        SignalProbe probe = workload.probe();
        feeder.sendAll(TEMPLATE, WARMUP, warmupTasks);
        if (!Completion.await(db, WARMUP, warmupTasks, label + " warm-up", STALL)) {
          return failed(tasks, processors);
        }
        cluster.resetStatements();
        Profiler profiler = profile == null ? null : Profiler.start(label);
        CpuUsage.Snapshot cpuBefore = infrastructure.cpu();
        long started = feeder.sendAll(TEMPLATE, MEASURED, tasks);
        boolean finished = Completion.await(db, MEASURED, tasks, label, STALL);
        CpuUsage cpu = cpuBefore.until(infrastructure.cpu());
        long statements = cluster.statements();
        Map<String, Long> byThread = cluster.statementsByThread();
        HotSpots hotSpots =
            profiler == null || profile == null
                ? null
                : HotSpots.of(profiler.stop(profile), peers(environment));
        Instant last = Completion.lastCompletion(db, MEASURED);
        double seconds = last == null ? 0 : (toMillis(last) - started) / 1000.0;
        long transitions =
            db.fetchCount(
                STEP_TRANSITIONS
                    .join(TASKS)
                    .on(TASKS.ID.eq(STEP_TRANSITIONS.TASK_ID))
                    .and(TASKS.CORRELATION_ID.startsWith(MEASURED)));
        long steps = (long) Completion.completed(db, MEASURED) * STEPS_PER_TASK;
        Samples processorHop = new Samples();
        Samples schedulerHop = new Samples();
        probe.split(workers.stages(), processorHop, schedulerHop);
        return new Result(
            tasks,
            processors,
            finished,
            seconds,
            steps,
            transitions,
            workers.stageLatency().summary(),
            processorHop.summary(),
            schedulerHop.summary(),
            workers.firstDispatchLatency().summary(),
            statements,
            byThread,
            cpu,
            hotSpots);
      }
    }
  }

  private static Result failed(int tasks, int processors) {
    return new Result(
        tasks,
        processors,
        false,
        0,
        0,
        0,
        LatencySummary.EMPTY,
        LatencySummary.EMPTY,
        LatencySummary.EMPTY,
        LatencySummary.EMPTY,
        0,
        Map.of(),
        null,
        null);
  }

  /** PostgreSQL's and the broker's ports, to name the peers of socket reads in a profile. */
  private static Map<Integer, String> peers(ScenarioEnvironment environment) {
    Map<Integer, String> peers = new java.util.HashMap<>();
    java.util.regex.Matcher database =
        java.util.regex.Pattern.compile(":(\\d+)/").matcher(environment.database().jdbcUrl());
    if (database.find()) {
      peers.put(Integer.parseInt(database.group(1)), "PostgreSQL");
    }
    for (String server : environment.bootstrapServers().split(",", -1)) {
      String port = server.substring(server.lastIndexOf(':') + 1).trim();
      if (port.matches("\\d+")) {
        peers.put(Integer.parseInt(port), "Kafka");
      }
    }
    return peers;
  }

  static double toMillis(Instant instant) {
    return instant.getEpochSecond() * 1000.0 + instant.getNano() / 1e6;
  }
}
