package dev.tributary.bench.scenario;

import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;

import dev.tributary.bench.console.Progress;
import dev.tributary.bench.console.Terminal;
import dev.tributary.bench.infra.Infrastructure;
import dev.tributary.bench.infra.ScenarioEnvironment;
import dev.tributary.bench.measure.LatencySummary;
import dev.tributary.bench.system.BenchCluster;
import dev.tributary.contracts.StepState;
import dev.tributary.scheduler.SchedulerProperties;
import dev.tributary.scheduler.sweep.Sweeper;
import dev.tributary.store.dispatch.ReadyBacklog;
import dev.tributary.store.dispatch.StepClaims;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Readiness at scale: N active tasks of the five-step pipeline in the database (created with the
 * processor's own creation statement, in batches of {@value #CREATION_BATCH}), each with its first
 * step ready and four steps waiting on dependencies; then the scheduler's work for one tick,
 * repeated:
 *
 * <ul>
 *   <li>the sweep's claim statement (ready steps of any task, up to the sweep limit), in a
 *       transaction rolled back afterwards so every repetition sees the same data;
 *   <li>a signal-driven claim for one poll of signalled tasks (the claim limit's worth of random
 *       active tasks), rolled back likewise;
 *   <li>the ready-backlog count the sweep reports as a gauge;
 *   <li>a whole sweep tick ({@link Sweeper#sweep()}: expired dispatches, retries due, ready steps
 *       claimed and their dispatches sent to Kafka, the backlog count), whose claims are then put
 *       back by SQL, outside the timing;
 *   <li>the same claim and tick when nothing is ready (every active task's step in flight): the
 *       tick a quiet system runs every second.
 * </ul>
 *
 * Statistics are refreshed (VACUUM ANALYZE) after loading, as autovacuum would in a running system.
 */
public final class Readiness {

  static final int CREATION_BATCH = 5_000;

  /**
   * Figures for one size.
   *
   * @param activeTasks active tasks in the database
   * @param claimedPerTick steps the sweep's claim took (at most the sweep limit)
   * @param sweepClaim the sweep's claim statement
   * @param signalClaim a signal-driven claim of one poll's tasks
   * @param signalTasks tasks in that poll
   * @param backlogCount the ready-backlog count
   * @param tick a whole sweep tick with dispatches sent
   * @param idleClaim the sweep's claim statement with nothing ready
   * @param idleTick a whole sweep tick with nothing ready
   * @param populateSeconds how long loading took
   */
  public record Row(
      int activeTasks,
      int claimedPerTick,
      LatencySummary sweepClaim,
      LatencySummary signalClaim,
      int signalTasks,
      LatencySummary backlogCount,
      LatencySummary tick,
      LatencySummary idleClaim,
      LatencySummary idleTick,
      double populateSeconds) {}

  private Readiness() {}

  public static List<Row> run(Infrastructure infrastructure, List<Integer> sizes, int repetitions) {
    List<Row> rows = new ArrayList<>();
    for (int size : sizes) {
      rows.add(runOne(infrastructure, size, repetitions));
    }
    return rows;
  }

  @SuppressWarnings("try") // the progress indicator runs until the block ends
  private static Row runOne(Infrastructure infrastructure, int size, int repetitions) {
    ScenarioEnvironment environment = infrastructure.prepare("readiness_" + size);
    DSLContext db = environment.database().dsl();
    String label = "readiness " + size + " active tasks";
    try (BenchCluster cluster = environment.cluster()) {
      Terminal.line("  " + label + ": starting services");
      ProcessorDriver driver =
          new ProcessorDriver(
              cluster.startProcessor("processor", "tributary.processor.listen=false").context());
      ConfigurableApplicationContext scheduler =
          cluster
              .startScheduler(
                  "scheduler",
                  "tributary.scheduler.listen=false",
                  "tributary.scheduler.sweep-enabled=false")
              .context();
      long loading = System.nanoTime();
      List<UUID> tasks = new ArrayList<>(size);
      try (Progress progress = Progress.start(label + ": loading", tasks::size, size, "tasks")) {
        while (tasks.size() < size) {
          tasks.addAll(driver.create("pipeline", Math.min(CREATION_BATCH, size - tasks.size())));
        }
      }
      db.execute("VACUUM ANALYZE");
      double populateSeconds = (System.nanoTime() - loading) / 1e9;

      SchedulerProperties properties = scheduler.getBean(SchedulerProperties.class);
      StepClaims claims = new StepClaims(scheduler.getBean(DSLContext.class));
      ReadyBacklog backlog = scheduler.getBean(ReadyBacklog.class);
      TransactionTemplate transactions = scheduler.getBean(TransactionTemplate.class);
      Sweeper sweeper = scheduler.getBean(Sweeper.class);
      Clock clock = scheduler.getBean(Clock.class);
      Random random = new Random(size);

      double[] sweepClaim = new double[repetitions];
      double[] signalClaim = new double[repetitions];
      double[] backlogCount = new double[repetitions];
      double[] tick = new double[repetitions];
      int claimed = 0;
      int signalTasks = Math.min(properties.claimLimit(), size);
      try (Progress progress = Progress.start(label + ": ticks", () -> 0, 0, "")) {
        // One repetition first, not counted: connections, the producer's metadata, JIT.
        for (int i = -1; i < repetitions; i++) {
          int[] taken = {0};
          double claim =
              rolledBack(
                  transactions,
                  () ->
                      taken[0] =
                          claims
                              .claimReadyAnywhere(
                                  properties.sweepLimit(),
                                  properties.maxDependencyResults(),
                                  clock.instant())
                              .size());
          List<UUID> signalled = sample(tasks, signalTasks, random);
          double signal =
              rolledBack(
                  transactions,
                  () ->
                      claims.claimReady(
                          signalled,
                          properties.claimLimit(),
                          properties.maxDependencyResults(),
                          clock.instant()));
          double count = timed(backlog::count);
          double wholeTick = tick(sweeper, db);
          if (i >= 0) {
            sweepClaim[i] = claim;
            signalClaim[i] = signal;
            backlogCount[i] = count;
            tick[i] = wholeTick;
            claimed = taken[0];
          }
        }
        inFlight(db);
        double[] idleClaim = new double[repetitions];
        double[] idleTick = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
          idleClaim[i] =
              rolledBack(
                  transactions,
                  () ->
                      claims.claimReadyAnywhere(
                          properties.sweepLimit(),
                          properties.maxDependencyResults(),
                          clock.instant()));
          idleTick[i] = timed(sweeper::sweep);
        }
        return new Row(
            size,
            claimed,
            LatencySummary.of(sweepClaim),
            LatencySummary.of(signalClaim),
            signalTasks,
            LatencySummary.of(backlogCount),
            LatencySummary.of(tick),
            LatencySummary.of(idleClaim),
            LatencySummary.of(idleTick),
            populateSeconds);
      }
    } finally {
      infrastructure.release(environment);
    }
  }

  /** Runs the action in a transaction that is rolled back; returns its duration in ms. */
  private static double rolledBack(TransactionTemplate transactions, Runnable action) {
    double[] millis = {0};
    transactions.executeWithoutResult(
        status -> {
          millis[0] = timed(action);
          status.setRollbackOnly();
        });
    return millis[0];
  }

  private static double timed(Runnable action) {
    long started = System.nanoTime();
    action.run();
    return (System.nanoTime() - started) / 1e6;
  }

  private static List<UUID> sample(List<UUID> tasks, int count, Random random) {
    List<UUID> copy = new ArrayList<>(tasks);
    Collections.shuffle(copy, random);
    return List.copyOf(copy.subList(0, count));
  }

  /** A whole sweep tick, timed; then its claims are put back, untimed. */
  private static double tick(Sweeper sweeper, DSLContext db) {
    double millis = timed(sweeper::sweep);
    putBackClaims(db);
    return millis;
  }

  /** Puts the steps a sweep tick claimed back to ready, as if never claimed. */
  private static void putBackClaims(DSLContext db) {
    db.update(WORKFLOW_STEPS)
        .set(WORKFLOW_STEPS.STATE, StepState.PENDING)
        .set(WORKFLOW_STEPS.ATTEMPTS, 0)
        .setNull(WORKFLOW_STEPS.DISPATCHED_AT)
        .setNull(WORKFLOW_STEPS.DEADLINE_AT)
        .where(WORKFLOW_STEPS.STATE.eq(StepState.ENQUEUED))
        .execute();
  }

  /** Every ready step dispatched and running, its deadline an hour away: nothing is ready. */
  private static void inFlight(DSLContext db) {
    Instant now = Instant.now();
    db.update(WORKFLOW_STEPS)
        .set(WORKFLOW_STEPS.STATE, StepState.IN_PROGRESS)
        .set(WORKFLOW_STEPS.ATTEMPTS, 1)
        .set(WORKFLOW_STEPS.DISPATCHED_AT, now)
        .set(WORKFLOW_STEPS.DEADLINE_AT, now.plus(Duration.ofHours(1)))
        .where(WORKFLOW_STEPS.STATE.eq(StepState.PENDING))
        .and(WORKFLOW_STEPS.UNMET_DEPENDENCIES.eq(0))
        .execute();
    db.execute("VACUUM ANALYZE workflow_steps");
  }
}
