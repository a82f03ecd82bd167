package dev.tributary.bench.peer;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.StartWorkflowOptions;
import dev.dbos.transact.config.DBOSConfig;
import dev.dbos.transact.workflow.Queue;
import dev.dbos.transact.workflow.Workflow;
import dev.dbos.transact.workflow.WorkflowHandle;
import dev.tributary.bench.console.Progress;
import dev.tributary.bench.infra.BenchDatabase;
import dev.tributary.bench.infra.Infrastructure;
import dev.tributary.bench.infra.ScenarioEnvironment;
import dev.tributary.bench.measure.CpuUsage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end-to-end pipeline (a → b and c in parallel → d → e, each step answering at once) on DBOS
 * Transact for Java, on the same PostgreSQL server: T workflows enqueued at once after a warm-up,
 * timed from the first enqueued to the last completed.
 *
 * <p>What differs from Tributary, and favours DBOS on the figures: the steps run in-process, inside
 * the workflow's own (virtual) thread: there is no broker hop, no processor, scheduler or worker
 * between two steps, and everything (the workflows, the step bodies, the enqueuing) runs in this
 * one JVM; the Kafka broker is idle. What DBOS pays instead: every step is a checkpoint, one
 * committed write to PostgreSQL (flushed: the server runs with fsync and synchronous commit on),
 * and so is each workflow's start and end.
 *
 * <p>DBOS Java has no asynchronous step: a workflow runs its steps in order, on its thread. As its
 * documentation does for concurrency, b and c run as child workflows, started in the background
 * from the pipeline (not on a queue, so the parent awaits them in memory instead of polling the
 * database every second) and each runs its one step. That costs DBOS more checkpoints than a
 * sequential pipeline would: per pipeline, 3 workflow rows and 9 step rows (the five steps, and
 * each child's start and result recorded in the parent) where a sequential one writes 1 and 5.
 *
 * <p>Configuration: DBOS's defaults (its system tables in schema {@code dbos} of the scenario's
 * database, a pool of 10 connections, LISTEN/NOTIFY), and one queue for the pipelines, {@value
 * #WORKER_CONCURRENCY} at a time in this process, polled every 20 ms (its default, a second, would
 * cap throughput at the concurrency per second). The queue is filled by {@value #ENQUEUERS}
 * threads, as concurrent clients would.
 */
public final class DbosPipeline {

  /** The version measured, for the report (the pom's dbos-transact.version). */
  public static final String VERSION = "1.1.0-m6";

  static final int WORKER_CONCURRENCY = 100;
  static final Duration POLLING = Duration.ofMillis(20);
  static final int ENQUEUERS = 4;

  private static final Logger log = LoggerFactory.getLogger(DbosPipeline.class);
  private static final String WARMUP = "w-";
  private static final String MEASURED = "m-";
  private static final Duration STALL = Duration.ofSeconds(60);
  private static final long POLL_NANOS = 100_000_000L;

  /**
   * One run's figures.
   *
   * @param tasks workflows enqueued
   * @param finished whether every one completed
   * @param seconds from the first enqueued to the last completed
   * @param steps steps checkpointed by the measured workflows (a to e)
   * @param cpu where the machine's CPU went while they ran
   */
  public record Result(
      int tasks, boolean finished, double seconds, long steps, @Nullable CpuUsage cpu) {

    public double stepsPerSecond() {
      return seconds > 0 ? steps / seconds : 0;
    }

    /** The run in one line, for the console. */
    public String summary() {
      return String.format(
          java.util.Locale.ROOT,
          "%,d workflows: %.1f s, %,.0f steps/s, %.3f ms of CPU per step",
          tasks,
          seconds,
          stepsPerSecond(),
          cpuMillisPerStep());
    }

    /** CPU milliseconds per step of this JVM, the broker and PostgreSQL together. */
    public double cpuMillisPerStep() {
      return cpu == null ? 0 : cpu.millisPer((double) steps);
    }
  }

  /** The workflows, behind the interface that DBOS's proxy needs. */
  public interface Pipeline {
    String pipeline(String task);

    String branch(String step, String input);
  }

  private static final class Steps implements Pipeline {
    private final DBOS dbos;
    private @Nullable Pipeline proxy;

    Steps(DBOS dbos) {
      this.dbos = dbos;
    }

    @Override
    @Workflow(name = "pipeline")
    public String pipeline(String task) {
      Pipeline self = Objects.requireNonNull(proxy);
      String a = dbos.runStep(() -> task + ">a", "a");
      WorkflowHandle<String, RuntimeException> b = dbos.startWorkflow(() -> self.branch("b", a));
      WorkflowHandle<String, RuntimeException> c = dbos.startWorkflow(() -> self.branch("c", a));
      String bc = b.getResult() + "+" + c.getResult();
      String d = dbos.runStep(() -> bc + ">d", "d");
      return dbos.runStep(() -> d + ">e", "e");
    }

    @Override
    @Workflow(name = "branch")
    public String branch(String step, String input) {
      return dbos.runStep(() -> input + ">" + step, step);
    }
  }

  private DbosPipeline() {}

  /** Runs the scenario; DBOS is launched for it and shut down before it returns. */
  public static Result run(Infrastructure infrastructure, int tasks, int warmupTasks) {
    String label = "DBOS " + tasks + " workflows";
    ScenarioEnvironment environment = infrastructure.prepare("dbos_" + tasks);
    BenchDatabase database = environment.database();
    DBOSConfig config =
        DBOSConfig.defaults("tributary-bench")
            .withDatabaseUrl(database.jdbcUrl())
            .withDbUser(database.username())
            .withDbPassword(database.password());
    Queue queue =
        new Queue("pipelines")
            .withWorkerConcurrency(WORKER_CONCURRENCY)
            .withPollingInterval(POLLING);
    try (DBOS dbos = new DBOS(config);
        Connection watch = database.dataSource().getConnection()) {
      Steps workflows = new Steps(dbos);
      Pipeline proxy = dbos.registerProxy(Pipeline.class, workflows);
      workflows.proxy = proxy;
      dbos.registerQueue(queue);
      dbos.launch();
      enqueue(dbos, proxy, queue, WARMUP, warmupTasks);
      if (!await(watch, WARMUP, warmupTasks, label + " warm-up")) {
        return new Result(tasks, false, 0, 0, null);
      }
      CpuUsage.Snapshot cpuBefore = infrastructure.cpu();
      long started = System.currentTimeMillis();
      enqueue(dbos, proxy, queue, MEASURED, tasks);
      long enqueued = System.currentTimeMillis();
      boolean finished = await(watch, MEASURED, tasks, label);
      CpuUsage cpu = cpuBefore.until(infrastructure.cpu());
      long last = fetchLong(watch, LAST_COMPLETED, MEASURED);
      double seconds = last > 0 ? (last - started) / 1000.0 : 0;
      log.info(
          "{}: enqueued in {} ms; {} workflow rows and {} step rows (operation_outputs) written",
          label,
          enqueued - started,
          fetchLong(watch, WORKFLOW_ROWS, MEASURED),
          fetchLong(watch, STEP_ROWS, MEASURED));
      return new Result(tasks, finished, seconds, fetchLong(watch, STEPS, MEASURED), cpu);
    } catch (SQLException e) {
      throw new IllegalStateException(label + ": could not read DBOS's tables", e);
    } finally {
      infrastructure.release(environment);
    }
  }

  /** Enqueues the pipelines {@code prefix0…}, from a few threads; returns when all are enqueued. */
  private static void enqueue(DBOS dbos, Pipeline proxy, Queue queue, String prefix, int count) {
    try (ExecutorService enqueuers = Executors.newFixedThreadPool(ENQUEUERS)) {
      for (int i = 0; i < count; i++) {
        String id = prefix + i;
        StartWorkflowOptions options = new StartWorkflowOptions(id).withQueue(queue);
        enqueuers.execute(() -> dbos.startWorkflow(() -> proxy.pipeline(id), options));
      }
    }
  }

  // Plain SQL, not jOOQ: these read DBOS's own system tables, which our generated schema does not
  // know (and should not: they are the peer's, and change with its versions).
  private static final String PIPELINES =
      " FROM dbos.workflow_status WHERE name = 'pipeline' AND workflow_uuid LIKE ?";
  private static final String COMPLETED = "SELECT count(*)" + PIPELINES + " AND status = 'SUCCESS'";
  private static final String FAILED =
      "SELECT count(*)" + PIPELINES + " AND status NOT IN ('SUCCESS', 'PENDING', 'ENQUEUED')";
  private static final String LAST_COMPLETED =
      "SELECT coalesce(max(completed_at), 0)" + PIPELINES + " AND status = 'SUCCESS'";
  private static final String STEP_ROWS =
      "SELECT count(*) FROM dbos.operation_outputs WHERE workflow_uuid LIKE ?";
  private static final String STEPS =
      STEP_ROWS + " AND function_name IN ('a', 'b', 'c', 'd', 'e') AND error IS NULL";
  private static final String WORKFLOW_ROWS =
      "SELECT count(*) FROM dbos.workflow_status WHERE workflow_uuid LIKE ?";

  /**
   * Waits until {@code expected} pipelines of the prefix completed; false at once when one failed,
   * or when none completed for {@link #STALL}.
   */
  @SuppressWarnings("try") // the progress indicator runs until the block ends
  private static boolean await(Connection db, String prefix, int expected, String label)
      throws SQLException {
    AtomicLong done = new AtomicLong();
    try (Progress progress = Progress.start(label, done::get, expected, "workflows complete")) {
      long lastChange = System.nanoTime();
      while (done.get() < expected) {
        LockSupport.parkNanos(POLL_NANOS);
        long now = fetchLong(db, COMPLETED, prefix);
        if (fetchLong(db, FAILED, prefix) > 0) {
          return false;
        } else if (now != done.get()) {
          done.set(now);
          lastChange = System.nanoTime();
        } else if (System.nanoTime() - lastChange > STALL.toNanos()) {
          return false;
        }
      }
      return true;
    }
  }

  private static long fetchLong(Connection db, String sql, String prefix) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      statement.setString(1, prefix + "%");
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }
}
