package dev.tributary.bench.scenario;

import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;

import dev.tributary.bench.console.Progress;
import dev.tributary.bench.console.Terminal;
import dev.tributary.bench.infra.BenchDatabase;
import dev.tributary.bench.infra.Infrastructure;
import dev.tributary.bench.infra.ScenarioEnvironment;
import dev.tributary.bench.system.BenchCluster;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.Record2;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database floor: the least SQL one step transition needs, a guarded update of the step and its
 * audit row,
 *
 * <pre>
 * UPDATE workflow_steps SET state = ?, attempts = attempts + ?, updated_at = ?
 *  WHERE id = ? AND state = ? AND attempts = ?
 * INSERT INTO step_transitions (task_id, step_id, from_state, to_state, attempt, cause, occurred_at)
 * VALUES (?, ?, ?, ?, ?, ?, ?)
 * </pre>
 *
 * executed straight through JDBC with batching (one round trip per batch, inserts rewritten into
 * multi-row inserts), {@value #BATCH} transitions per transaction, on the real schema (indexes,
 * partitioned audit table) and the same server, by 1, 2 and 4 connections in parallel, each on its
 * own steps. The steps cycle pending → enqueued → in_progress → complete → pending, each change one
 * transition. The best of the three is "what PostgreSQL alone can do here".
 */
public final class DatabaseFloor {

  /** Transitions per transaction, as in one poll of the processor. */
  public static final int BATCH = 500;

  static final int TASKS = 4_000;
  private static final List<Integer> CONNECTIONS = List.of(1, 2, 4);
  private static final String[] STATES = {"pending", "enqueued", "in_progress", "complete"};

  /**
   * One configuration's figures.
   *
   * @param connections connections in parallel
   * @param transitions transitions done
   * @param seconds how long
   */
  public record Row(int connections, long transitions, double seconds) {
    public double transitionsPerSecond() {
      return transitions / seconds;
    }

    public double commitsPerSecond() {
      return transitionsPerSecond() / BATCH;
    }
  }

  /**
   * The figures.
   *
   * @param rows by connections
   * @param steps steps cycled through
   */
  public record Result(List<Row> rows, int steps) {
    public double best() {
      return rows.stream().mapToDouble(Row::transitionsPerSecond).max().orElse(0);
    }
  }

  private DatabaseFloor() {}

  public static Result run(Infrastructure infrastructure, Duration each) {
    ScenarioEnvironment environment = infrastructure.prepare("floor");
    try {
      try (BenchCluster cluster = environment.cluster()) {
        Terminal.line("  database floor: loading " + TASKS + " tasks");
        ProcessorDriver driver =
            new ProcessorDriver(
                cluster.startProcessor("processor", "tributary.processor.listen=false").context());
        for (int created = 0; created < TASKS; created += Readiness.CREATION_BATCH) {
          driver.create("pipeline", Math.min(Readiness.CREATION_BATCH, TASKS - created));
        }
      }
      BenchDatabase database = environment.database();
      database.dsl().execute("VACUUM ANALYZE");
      List<Step> steps =
          database
              .dsl()
              .select(WORKFLOW_STEPS.ID, WORKFLOW_STEPS.TASK_ID)
              .from(WORKFLOW_STEPS)
              .fetch()
              .map((Record2<UUID, UUID> r) -> new Step(r.value1(), r.value2()));
      List<Row> rows = new ArrayList<>();
      for (int connections : CONNECTIONS) {
        rows.add(measure(database, steps, connections, each));
      }
      return new Result(rows, steps.size());
    } finally {
      infrastructure.release(environment);
    }
  }

  @SuppressWarnings("try") // the progress indicator runs until the block ends
  private static Row measure(
      BenchDatabase database, List<Step> steps, int connections, Duration duration) {
    AtomicLong done = new AtomicLong();
    long deadline = System.nanoTime() + duration.toNanos();
    long started = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(connections);
        Progress progress =
            Progress.start(
                "database floor, " + connections + " connection(s)", done::get, 0, "transitions")) {
      List<Future<?>> workers = new ArrayList<>();
      for (int c = 0; c < connections; c++) {
        List<Step> mine = new ArrayList<>();
        for (int i = c; i < steps.size(); i += connections) {
          mine.add(steps.get(i));
        }
        workers.add(pool.submit(() -> cycle(database, mine, deadline, done)));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("the database floor failed", e.getCause());
    }
    return new Row(connections, done.get(), (System.nanoTime() - started) / 1e9);
  }

  private static Void cycle(
      BenchDatabase database, List<Step> steps, long deadline, AtomicLong done)
      throws SQLException {
    // Plain JDBC on purpose: the floor is what PostgreSQL does with the least SQL of a transition,
    // without jOOQ's rendering or anything else of ours in the way.
    PGSimpleDataSource dataSource = (PGSimpleDataSource) database.dataSource();
    dataSource.setReWriteBatchedInserts(true);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE workflow_steps SET state = ?, attempts = attempts + ?, updated_at = ?"
                    + " WHERE id = ? AND state = ? AND attempts = ?");
        PreparedStatement audit =
            connection.prepareStatement(
                "INSERT INTO step_transitions"
                    + " (task_id, step_id, from_state, to_state, attempt, cause, occurred_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      connection.setAutoCommit(false);
      int next = 0;
      while (System.nanoTime() < deadline) {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        for (int i = 0; i < BATCH; i++) {
          Step step = steps.get(next);
          next = (next + 1) % steps.size();
          String from = STATES[step.state];
          String to = STATES[(step.state + 1) % STATES.length];
          int increment = "enqueued".equals(to) ? 1 : 0;
          update.setString(1, to);
          update.setInt(2, increment);
          update.setTimestamp(3, now);
          update.setObject(4, step.id);
          update.setString(5, from);
          update.setInt(6, step.attempts);
          update.addBatch();
          audit.setObject(1, step.taskId);
          audit.setObject(2, step.id);
          audit.setString(3, from);
          audit.setString(4, to);
          audit.setInt(5, step.attempts + increment);
          audit.setString(6, "floor");
          audit.setTimestamp(7, now);
          audit.addBatch();
          step.state = (step.state + 1) % STATES.length;
          step.attempts += increment;
        }
        for (int updated : update.executeBatch()) {
          if (updated != 1) {
            throw new IllegalStateException("a guarded update matched " + updated + " rows");
          }
        }
        audit.executeBatch();
        connection.commit();
        done.addAndGet(BATCH);
      }
    }
    return null;
  }

  /** A step and what the floor last made of it. */
  private static final class Step {
    final UUID id;
    final UUID taskId;
    int state;
    int attempts;

    Step(UUID id, UUID taskId) {
      this.id = id;
      this.taskId = taskId;
    }
  }
}
