package dev.tributary.e2e;

import static dev.tributary.store.schema.Tables.TASKS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.contracts.TaskRequest;
import dev.tributary.contracts.TaskState;
import dev.tributary.processor.task.CreationOutcome;
import dev.tributary.processor.task.TaskCreation;
import dev.tributary.testkit.History;
import dev.tributary.testkit.Invariants;
import dev.tributary.testkit.TestEnvironment;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hot path's statements as PostgreSQL plans them over a long history: every statement the
 * processor and the scheduler run for a workload of decisions, batches, retries and joins is
 * captured with its parameters, after tens of thousands of finished tasks were put in the tables,
 * and explained. None may scan the big tables, and none may change its text with the size of a poll
 * (a text per list length is a statement planned afresh each time).
 */
class HotPathPlansIT {

  /** Finished tasks in the history, about. */
  private static final int HISTORY = 20_000;

  /** The tables that grow with history; an audit table's monthly partitions count as it. */
  private static final Pattern BIG_TABLE =
      Pattern.compile("tasks|workflow_steps|step_transitions(_\\w+)?");

  private static final Pattern SEQUENTIAL_SCAN = Pattern.compile("Seq Scan on (\\w+)");

  /**
   * Rows under which a sequential scan is what a planner should choose: this month's partitions
   * hold the history, next month's and the default partition are empty.
   */
  private static final int SMALL = 1_000;

  /** A placeholder as jOOQ writes one: {@code ?}, {@code ?::uuid} or {@code cast(? as uuid)}. */
  private static final String PLACEHOLDER =
      "(?:cast\\(\\? as [\\w ]+(?:\\[\\])?\\)|\\?(?:::[\\w\\[\\]]+)?)";

  /** A list of placeholders, whatever its length: {@code (?, ?)}, {@code (cast(? as uuid))}. */
  private static final Pattern PLACEHOLDER_LIST =
      Pattern.compile("\\(" + PLACEHOLDER + "(?:, " + PLACEHOLDER + ")*\\)");

  private static final TestEnvironment environment = TestEnvironment.create();
  private static final DSLContext db = environment.database().dsl();
  private static final CapturedStatements captured = new CapturedStatements();
  private static Cluster cluster;
  private static ConfigurableApplicationContext processor;
  private static SimulatedWorkers workers;

  @BeforeAll
  static void start() {
    cluster = new Cluster(environment, Clock.systemUTC());
    Map<String, Object> capture =
        Map.of("capturedStatements", new DefaultExecuteListenerProvider(captured));
    processor = cluster.startProcessor(capture);
    cluster.startScheduler(capture);
    workers =
        new SimulatedWorkers(
            environment.bootstrapServers(), environment.topics(), "e2e", HotPathPlansIT::work);

    int finished = runWorkload(1);
    History.copyFinishedTasks(db, HISTORY / finished);

    captured.start();
    runWorkload(1);
    runWorkload(15);
    captured.stop();
  }

  @AfterAll
  static void stop() {
    workers.close();
    cluster.close();
  }

  @Test
  void the_history_is_large_and_its_invariants_hold() {
    assertThat(db.fetchCount(TASKS)).isGreaterThan(HISTORY);
    assertThat(rowsOf("workflow_steps")).as("steps, estimated").isGreaterThan(HISTORY * 3);
    Invariants.assertAll(db);
  }

  @Test
  void no_hot_statement_scans_tasks_steps_or_their_audit() {
    Map<String, String> scans = new TreeMap<>();
    captured
        .executedByText()
        .forEach(
            (text, executed) -> {
              String plan = explain(executed);
              if (scansABigTable(plan)) {
                scans.put(text, plan);
              }
            });
    assertThat(scans).as("statements whose plan scans a big table, with their plans").isEmpty();
  }

  @Test
  void a_scan_of_a_big_table_would_be_seen() {
    assertThat(
            scansABigTable(explain("SELECT id FROM workflow_steps WHERE inputs::text LIKE '%x%'")))
        .isTrue();
    assertThat(scansABigTable(explain("SELECT id FROM step_transitions_default"))).isFalse();
  }

  @Test
  void the_statements_of_every_stage_were_captured() {
    assertThat(String.join("\n", captured.executedByText().keySet()))
        .as("task creation, results, finalization, claims, the relay, expansion")
        .contains(
            "insert into \"tasks\"",
            "\"moved\" as (update \"workflow_steps\"",
            "as \"decided\"",
            "\"claimed\" as (update \"workflow_steps\"",
            "delete from \"task_event_outbox\"",
            "insert into \"workflow_step_edges\"");
  }

  private static boolean scansABigTable(String plan) {
    Matcher scan = SEQUENTIAL_SCAN.matcher(plan);
    while (scan.find()) {
      String table = scan.group(1);
      if (BIG_TABLE.matcher(table).matches() && rowsOf(table) >= SMALL) {
        return true;
      }
    }
    return false;
  }

  /** The planner's estimate of the table's rows (after ANALYZE); -1 if never analyzed. */
  private static float rowsOf(String table) {
    return db.fetchSingle("SELECT reltuples FROM pg_class WHERE relname = ?", table)
        .get(0, Float.class);
  }

  @Test
  void no_statement_text_varies_with_the_size_of_a_poll() {
    Map<String, List<String>> textsByShape =
        captured.executedByText().keySet().stream()
            .collect(
                Collectors.groupingBy(
                    text -> PLACEHOLDER_LIST.matcher(text).replaceAll("(?…)"),
                    TreeMap::new,
                    Collectors.toList()));
    textsByShape.values().removeIf(texts -> texts.size() == 1);
    assertThat(textsByShape).as("statements with one text per list length").isEmpty();
  }

  private static String explain(String sql) {
    return db.connectionResult(
        connection -> {
          StringBuilder plan = new StringBuilder();
          try (Statement statement = connection.createStatement();
              ResultSet rows = statement.executeQuery("EXPLAIN " + sql)) {
            while (rows.next()) {
              plan.append(rows.getString(1)).append('\n');
            }
          }
          return plan.toString();
        });
  }

  /**
   * Tasks of every shape, {@code each} of each at once: a diamond join, a decision's three routes,
   * batches (one failing once after a checkpoint), a decision whose branch splits into batches, a
   * call failing its first attempt. Returns how many tasks completed.
   */
  private static int runWorkload(int each) {
    List<TaskRequest> requests = new ArrayList<>();
    for (int i = 0; i < each; i++) {
      requests.add(request("diamond", context()));
      for (String route : List.of("express", "standard", "freight")) {
        requests.add(request("routing", context().put("route", route)));
      }
      requests.add(request("batches", context().put("items", 25)));
      requests.add(request("branch_batch", context().put("route", "bulk").put("items", 12)));
      requests.add(request("flaky", context().put("fail_first", true)));
    }
    List<UUID> tasks =
        processor.getBean(TaskCreation.class).create(requests).stream()
            .map(outcome -> ((CreationOutcome.Created) outcome).taskId())
            .toList();
    Workflows.awaitState(db, tasks, TaskState.COMPLETE);
    return tasks.size();
  }

  private static ObjectNode context() {
    return JsonMapper.shared().createObjectNode();
  }

  private static TaskRequest request(String template, ObjectNode context) {
    return TaskRequest.of("e2e", template, context)
        .withIdempotencyKey(UUID.randomUUID().toString());
  }

  private static List<Outcome> work(StepDispatch dispatch) {
    var context = dispatch.taskContext();
    ObjectNode result = context().put("step", dispatch.stepName());
    return switch (dispatch.handler()) {
      case "route" ->
          List.of(
              new Outcome.Succeeded(
                  result, new Expansion.CreateSteps(List.of(context.get("route").asString()))));
      case "split", "bulk" ->
          List.of(
              new Outcome.Succeeded(
                  result, Expansion.CreateBatches.split(context.get("items").asLong(), 10)));
      case "call" ->
          context.path("fail_first").asBoolean(false) && dispatch.attempt() == 1
              ? List.of(
                  new Outcome.Started(),
                  new Outcome.Checkpointed(context().put("cursor", 1)),
                  new Outcome.Failed(true, "java.io.IOException", "flaky", null))
              : List.of(new Outcome.Started(), new Outcome.Succeeded(result));
      default -> List.of(new Outcome.Started(), new Outcome.Succeeded(result));
    };
  }
}
