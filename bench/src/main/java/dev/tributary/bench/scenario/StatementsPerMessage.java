package dev.tributary.bench.scenario;

import static dev.tributary.store.schema.Tables.TASKS;

import dev.tributary.bench.infra.Infrastructure;
import dev.tributary.bench.infra.ScenarioEnvironment;
import dev.tributary.bench.system.BenchCluster;
import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepResult;
import dev.tributary.store.dispatch.ClaimedStep;
import dev.tributary.store.metrics.StatementCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Statements per message, counted with the services' own {@link StatementCounter} around the real
 * code (the processor's {@code ResultProcessor}, task creation and the scheduler's claim
 * statement), for one message alone and per message in a poll. Also the statements of one whole
 * workflow run divided by its steps, every message handled alone (no batching at all).
 */
public final class StatementsPerMessage {

  /**
   * One kind of message.
   *
   * @param scenario what the message is
   * @param alone statements to handle it alone
   * @param pollSize messages in the poll measured
   * @param perMessageInPoll statements per message when a poll of that many is handled
   * @param older the older engine's figure for the same, as text
   * @param sql the beginning of each statement run for the message alone
   */
  public record Row(
      String scenario,
      int alone,
      int pollSize,
      double perMessageInPoll,
      String older,
      List<String> sql) {}

  /**
   * The figures.
   *
   * @param rows by kind of message
   * @param perStepAlone one pipeline task run to completion, every message alone: statements
   *     (creation, claims, results, finalization) divided by its steps
   * @param perStepAloneWithStarted the same when each step also reports {@code started}, as the
   *     worker library does
   * @param correlationPlan the plan PostgreSQL chose for the correlation lookup
   */
  public record Result(
      List<Row> rows,
      double perStepAlone,
      double perStepAloneWithStarted,
      String correlationPlan) {}

  /** How much of each statement's SQL the report shows. */
  private static final int SQL_LENGTH = 160;

  private StatementsPerMessage() {}

  public static Result run(Infrastructure infrastructure, int pollSize) {
    ScenarioEnvironment environment = infrastructure.prepare("statements");
    try (BenchCluster cluster = environment.cluster()) {
      ProcessorDriver driver =
          new ProcessorDriver(
              cluster.startProcessor("processor", "tributary.processor.listen=false").context());
      List<Row> rows = new ArrayList<>();
      rows.add(
          results(
              driver,
              "simple result (success of a standard step)",
              pollSize,
              "3–4",
              n -> simple(driver, n, false)));
      rows.add(
          results(
              driver,
              "started (the worker library's first message)",
              pollSize,
              "—",
              n -> simple(driver, n, true)));
      rows.add(
          results(
              driver,
              "decision outcome (create one branch)",
              pollSize,
              "10–12",
              n -> decision(driver, n)));
      rows.add(
          results(
              driver,
              "batch outcome (10 batch workers)",
              pollSize,
              "10–12",
              n -> batch(driver, n)));
      rows.add(
          results(
              driver,
              "finalization (the last step's success completes the task)",
              pollSize,
              "8–10",
              n -> finalization(driver, n)));
      rows.add(claims(driver, pollSize));
      rows.add(creation(driver, pollSize));
      String[] plan = {""};
      rows.add(correlation(driver, pollSize, plan));
      return new Result(rows, perStepAlone(driver, false), perStepAlone(driver, true), plan[0]);
    } finally {
      infrastructure.release(environment);
    }
  }

  private static Row results(
      ProcessorDriver driver,
      String scenario,
      int pollSize,
      String older,
      IntFunction<List<StepResult>> setUp) {
    List<StepResult> one = setUp.apply(1);
    List<String> alone = statements(() -> driver.process(one));
    List<StepResult> poll = setUp.apply(pollSize);
    int inPoll = count(() -> driver.process(poll));
    return new Row(
        scenario, alone.size(), poll.size(), (double) inPoll / poll.size(), older, alone);
  }

  private static List<StepResult> simple(ProcessorDriver driver, int n, boolean started) {
    List<UUID> tasks = driver.create("pipeline", n);
    return driver.claim(tasks).stream()
        .map(step -> started ? ProcessorDriver.started(step) : ProcessorDriver.success(step))
        .toList();
  }

  private static List<StepResult> decision(ProcessorDriver driver, int n) {
    List<UUID> tasks = driver.create("routing", n);
    driver.completeReady(tasks); // intake
    return driver.claim(tasks).stream()
        .map(
            route ->
                ProcessorDriver.result(
                    route,
                    new Outcome.Succeeded(
                        JsonMapper.shared().createObjectNode(),
                        new Expansion.CreateSteps(List.of("express")))))
        .toList();
  }

  private static List<StepResult> batch(ProcessorDriver driver, int n) {
    List<UUID> tasks = driver.create("batches", n);
    return driver.claim(tasks).stream()
        .map(
            split ->
                ProcessorDriver.result(
                    split,
                    new Outcome.Succeeded(
                        JsonMapper.shared().createObjectNode(),
                        Expansion.CreateBatches.split(100, 10))))
        .toList();
  }

  private static List<StepResult> finalization(ProcessorDriver driver, int n) {
    List<UUID> tasks = driver.create("linear", n);
    for (int step = 1; step < Sequential.STEPS_PER_TASK; step++) {
      driver.completeReady(tasks);
    }
    return driver.claim(tasks).stream().map(ProcessorDriver::success).toList();
  }

  private static Row claims(ProcessorDriver driver, int pollSize) {
    List<UUID> one = driver.create("pipeline", 1);
    List<String> alone = statements(() -> driver.claim(one));
    List<UUID> many = driver.create("pipeline", pollSize);
    int inPoll = count(() -> driver.claim(many));
    return new Row(
        "dispatch: claim the ready steps of signalled tasks (scheduler)",
        alone.size(),
        pollSize,
        (double) inPoll / pollSize,
        "—",
        alone);
  }

  private static Row creation(ProcessorDriver driver, int pollSize) {
    List<String> alone = statements(() -> driver.create("pipeline", 1));
    int inPoll = count(() -> driver.create("pipeline", pollSize));
    return new Row(
        "task request (create a task with its steps and edges)",
        alone.size(),
        pollSize,
        (double) inPoll / pollSize,
        "—",
        alone);
  }

  /**
   * There is no correlation-id lookup API yet; this is the store query it would use, on the partial
   * index {@code tasks_correlation_id}.
   */
  private static Row correlation(ProcessorDriver driver, int pollSize, String[] plan) {
    DSLContext dsl = driver.dsl();
    String correlationId = "d-1";
    var query =
        dsl.select(TASKS.ID, TASKS.STATE, TASKS.CREATED_AT, TASKS.COMPLETED_AT)
            .from(TASKS)
            .where(TASKS.CORRELATION_ID.eq(correlationId));
    List<String> alone = statements(query::fetch);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < pollSize; i++) {
      ids.add("d-" + i);
    }
    int inPoll =
        count(
            () ->
                dsl.select(TASKS.ID, TASKS.CORRELATION_ID, TASKS.STATE)
                    .from(TASKS)
                    .where(TASKS.CORRELATION_ID.in(ids))
                    .fetch());
    plan[0] =
        dsl.fetch("EXPLAIN " + dsl.renderInlined(query)).stream()
            .map(r -> r.get(0, String.class))
            .collect(Collectors.joining("\n"));
    return new Row(
        "correlation lookup (tasks by correlation id; store query, no API yet)",
        alone.size(),
        pollSize,
        (double) inPoll / pollSize,
        "2",
        alone);
  }

  /**
   * One task from request to completion, as the services would handle it with every message alone:
   * the creation, a claim after it, and for each step its result(s) and, as the processor signals
   * the task after every completion, a claim of whatever became ready.
   */
  private static double perStepAlone(ProcessorDriver driver, boolean started) {
    try (StatementCounter.Measurement statements = StatementCounter.measure()) {
      List<UUID> task = driver.create("pipeline", 1);
      java.util.ArrayDeque<ClaimedStep> dispatched = new java.util.ArrayDeque<>(driver.claim(task));
      int steps = 0;
      while (!dispatched.isEmpty()) {
        ClaimedStep step = dispatched.poll();
        if (started) {
          driver.process(List.of(ProcessorDriver.started(step)));
        }
        driver.process(List.of(ProcessorDriver.success(step)));
        steps++;
        dispatched.addAll(driver.claim(task));
      }
      return (double) statements.count() / steps;
    }
  }

  private static int count(Runnable action) {
    return statements(action).size();
  }

  /** The SQL of the statements the action ran on this thread, whitespace collapsed. */
  private static List<String> statements(Runnable action) {
    try (StatementCounter.Measurement statements = StatementCounter.measure()) {
      action.run();
      return statements.statements().stream().map(StatementsPerMessage::abbreviate).toList();
    }
  }

  private static String abbreviate(String sql) {
    String flat = sql.replaceAll("\\s+", " ").trim();
    return flat.length() <= SQL_LENGTH ? flat : flat.substring(0, SQL_LENGTH) + " …";
  }
}
