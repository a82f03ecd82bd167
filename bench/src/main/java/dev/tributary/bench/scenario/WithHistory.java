package dev.tributary.bench.scenario;

import static dev.tributary.store.schema.Tables.TASKS;

import dev.tributary.bench.console.Terminal;
import dev.tributary.bench.infra.Infrastructure;
import dev.tributary.bench.infra.ScenarioEnvironment;
import dev.tributary.testkit.History;
import java.time.Duration;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The end-to-end and sequential runs again, over a database that already holds a history of
 * finished tasks (a million in the full run). The history is real: a few thousand pipeline tasks
 * run through the system, then copied under new ids with their steps, edges and audit rows, as the
 * plan tests build theirs. Retention keeps them (they finished just now), so every hot statement
 * runs beside them.
 */
public final class WithHistory {

  private static final int SEED_TASKS = 2_000;
  private static final String RETIRED = "history-";

  /**
   * The figures.
   *
   * @param finishedTasks finished tasks in the database before the runs
   * @param buildSeconds how long the history took to build
   * @param endToEnd the end-to-end run over it
   * @param sequential the sequential run over it, at the judged rate
   */
  public record Result(
      long finishedTasks,
      double buildSeconds,
      EndToEnd.Result endToEnd,
      Sequential.Result sequential) {}

  private WithHistory() {}

  public static Result run(
      Infrastructure infrastructure,
      int finishedTasks,
      int endToEndTasks,
      int warmupTasks,
      double tasksPerSecond,
      Duration sequentialWarmup,
      Duration sequentialMeasured,
      boolean sendStarted) {
    ScenarioEnvironment seed = infrastructure.prepare("history");
    DSLContext db = seed.database().dsl();
    try {
      long started = System.nanoTime();
      int seedTasks = Math.min(SEED_TASKS, finishedTasks);
      Terminal.line("  building a history of " + finishedTasks + " finished tasks");
      EndToEnd.run(infrastructure, seed, "history seed", seedTasks, 1, 0, sendStarted, null);
      History.copyFinishedTasks(db, Math.max(0, finishedTasks / seedTasks - 1));
      retire(db, "0");
      // Plain SQL: maintenance, and an index of the benchmark's own that the generated schema does
      // not describe. It serves the completion probe: without it each probe (twice a second)
      // would read every task, and the probe's cost would be charged to the services.
      db.execute("CREATE INDEX bench_correlation ON tasks (correlation_id text_pattern_ops)");
      db.execute("VACUUM ANALYZE");
      long finished = db.fetchCount(TASKS);
      double buildSeconds = (System.nanoTime() - started) / 1e9;
      Terminal.line(
          String.format(
              java.util.Locale.ROOT, "    %,d finished tasks in %.0f s", finished, buildSeconds));
      EndToEnd.Result endToEnd =
          EndToEnd.run(
              infrastructure,
              infrastructure.on(seed.database(), "history_e2e"),
              "e2e " + endToEndTasks + " tasks over the history",
              endToEndTasks,
              1,
              warmupTasks,
              sendStarted,
              null);
      retire(db, "e2e");
      Sequential.Result sequential =
          Sequential.run(
              infrastructure,
              infrastructure.on(seed.database(), "history_sequential"),
              String.format(
                  java.util.Locale.ROOT,
                  "sequential %.0f tasks/s over the history",
                  tasksPerSecond),
              tasksPerSecond,
              sequentialWarmup,
              sequentialMeasured,
              sendStarted);
      return new Result(finished, buildSeconds, endToEnd, sequential);
    } finally {
      infrastructure.release(seed);
    }
  }

  /**
   * Renames the tasks a run requested, so that the next run's tasks (the same correlation ids and
   * idempotency keys) are new ones and are counted alone.
   */
  private static void retire(DSLContext db, String run) {
    db.update(TASKS)
        .set(TASKS.CORRELATION_ID, DSL.val(RETIRED + run + "-").concat(TASKS.CORRELATION_ID))
        .set(TASKS.IDENTITY_KEY, TASKS.IDENTITY_KEY.concat("#" + run))
        .where(TASKS.CORRELATION_ID.notLike(RETIRED + "%"))
        .execute();
  }
}
