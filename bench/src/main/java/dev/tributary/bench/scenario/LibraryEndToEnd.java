package dev.tributary.bench.scenario;

import dev.tributary.bench.console.Terminal;
import dev.tributary.bench.infra.Infrastructure;
import dev.tributary.bench.infra.ScenarioEnvironment;
import dev.tributary.bench.measure.CpuUsage;
import dev.tributary.bench.system.BenchCluster;
import dev.tributary.bench.system.LibraryWorkerProcess;
import dev.tributary.bench.system.TaskFeeder;
import dev.tributary.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/**
 * End-to-end throughput with the real worker library: as {@link EndToEnd} (T tasks of the five-step
 * pipeline requested at once, one processor, one scheduler, a warm-up left out of every figure),
 * but the steps are run by a {@code TributaryWorker} with trivial handlers (success at once, a tiny
 * result) in a JVM of its own ({@link LibraryWorkerProcess}) instead of by the simulated {@code
 * InstantWorkers}. Its CPU time is measured on its own, so the figures show what the library costs
 * per step next to the services'.
 */
public final class LibraryEndToEnd {

  /** The worker JVM's entry in {@link Result#cpu()}. */
  public static final String WORKER_JVM = "worker library (its JVM)";

  private static final Duration STALL = Duration.ofSeconds(60);

  /**
   * One run's figures.
   *
   * @param tasks tasks requested
   * @param finished whether every task completed
   * @param seconds from the first request produced to the last task completed
   * @param steps steps completed
   * @param cpu where the machine's CPU went while the measured tasks ran, the worker JVM included
   *     (as {@link #WORKER_JVM}; {@link CpuUsage#THIS_JVM} holds the services and the feeder)
   * @param workerCpuSeconds CPU seconds of the worker JVM meanwhile
   */
  public record Result(
      int tasks,
      boolean finished,
      double seconds,
      long steps,
      @Nullable CpuUsage cpu,
      double workerCpuSeconds) {

    public double stepsPerSecond() {
      return seconds > 0 ? steps / seconds : 0;
    }

    /** The run in one line, for the console. */
    public String summary() {
      return String.format(
          java.util.Locale.ROOT,
          "%,d tasks: %.1f s, %,.0f steps/s, the library %.3f ms of CPU per step",
          tasks,
          seconds,
          stepsPerSecond(),
          workerCpuMillisPerStep());
    }

    /** The worker library's CPU per step, ms. */
    public double workerCpuMillisPerStep() {
      return steps > 0 ? workerCpuSeconds * 1000 / steps : 0;
    }

    /**
     * CPU per step of every process of the run, ms: the services and the feeder (this JVM), the
     * broker, PostgreSQL and the worker JVM; not the rest of the machine.
     */
    public double totalCpuMillisPerStep() {
      return cpu == null ? 0 : cpu.millisPer((double) steps);
    }
  }

  private LibraryEndToEnd() {}

  /** Runs the scenario with the library's default concurrency. */
  public static Result run(Infrastructure infrastructure, int tasks, int warmupTasks) {
    return run(infrastructure, tasks, warmupTasks, WorkerOptions.DEFAULT_CONCURRENCY);
  }

  /**
   * Runs the scenario.
   *
   * @param concurrency the worker's concurrency: steps run at once, and dispatches read per poll
   */
  public static Result run(
      Infrastructure infrastructure, int tasks, int warmupTasks, int concurrency) {
    String label = "library e2e " + tasks + " tasks";
    ScenarioEnvironment environment =
        infrastructure.prepare("lib_e2e_" + tasks + "_" + concurrency);
    DSLContext db = environment.database().dsl();
    try (BenchCluster cluster = environment.cluster()) {
      Terminal.line("  " + label + ": starting services and the worker process");
      cluster.startProcessor("processor-1");
      cluster.startScheduler("scheduler");
      try (LibraryWorkerProcess worker =
              LibraryWorkerProcess.start(
                  environment.bootstrapServers(), environment.topics(), concurrency, workerLog());
          TaskFeeder feeder =
              new TaskFeeder(
                  environment.bootstrapServers(),
                  environment.topics(),
                  new ConcurrentHashMap<>())) {
        feeder.sendAll(EndToEnd.TEMPLATE, EndToEnd.WARMUP, warmupTasks);
        if (!Completion.await(db, EndToEnd.WARMUP, warmupTasks, label + " warm-up", STALL)) {
          return failed(tasks);
        }
        double workerBefore = worker.cpuSeconds();
        CpuUsage.Snapshot cpuBefore = withWorker(infrastructure.cpu(), workerBefore);
        long started = feeder.sendAll(EndToEnd.TEMPLATE, EndToEnd.MEASURED, tasks);
        boolean finished = Completion.await(db, EndToEnd.MEASURED, tasks, label, STALL);
        double workerAfter = worker.cpuSeconds();
        CpuUsage cpu = cpuBefore.until(withWorker(infrastructure.cpu(), workerAfter));
        Instant last = Completion.lastCompletion(db, EndToEnd.MEASURED);
        double seconds = last == null ? 0 : (EndToEnd.toMillis(last) - started) / 1000.0;
        long steps = (long) Completion.completed(db, EndToEnd.MEASURED) * EndToEnd.STEPS_PER_TASK;
        return new Result(
            tasks, finished, seconds, steps, cpu, Math.max(0, workerAfter - workerBefore));
      }
    } finally {
      infrastructure.release(environment);
    }
  }

  private static Result failed(int tasks) {
    return new Result(tasks, false, 0, 0, null, 0);
  }

  /** The snapshot with the worker JVM's CPU seconds added, so "everything else" leaves it out. */
  private static CpuUsage.Snapshot withWorker(CpuUsage.Snapshot snapshot, double workerSeconds) {
    Map<String, Double> byWho = new LinkedHashMap<>(snapshot.byWho());
    byWho.put(WORKER_JVM, workerSeconds);
    return new CpuUsage.Snapshot(snapshot.nanos(), snapshot.machineBusy(), byWho);
  }

  /** The worker's log: next to the benchmark's own ({@code -Dbench.log}). */
  private static Path workerLog() {
    Path benchLog = Path.of(System.getProperty("bench.log", "bench/target/bench/bench.log"));
    return benchLog.resolveSibling("library-worker.log");
  }
}
