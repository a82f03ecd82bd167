package dev.tributary.e2e;

import static dev.tributary.store.schema.Tables.STEP_TRANSITIONS;
import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.sum;

import dev.tributary.contracts.TaskState;
import dev.tributary.contracts.Topics;
import dev.tributary.e2e.ChaosRun.Fault;
import dev.tributary.e2e.ChaosRun.Injected;
import dev.tributary.testkit.KafkaProbe;
import dev.tributary.testkit.process.HandlerRun;
import dev.tributary.testkit.process.KafkaProcess;
import dev.tributary.testkit.process.WorkerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * What a chaos run did and what became of its work, measured at its end from the database, the run
 * log of the workers and the dead-letter topic.
 *
 * @param uncharged dispatches no worker started (a worker or the scheduler was down, a send hung),
 *     dispatched again without costing an attempt
 * @param faults every fault, by kind
 * @param longestStall per kind of fault, the longest any task that was moving waited for its next
 *     transition after the fault began
 */
record ChaosFigures(
    int tasksSent,
    int tasksCreated,
    int distinctTasks,
    int tasksComplete,
    int wronglyFailed,
    int appliedTwice,
    int duplicateHandlerRuns,
    int handlerRuns,
    int uncharged,
    int deadLetters,
    Map<Fault, Integer> faults,
    Map<Fault, Duration> longestStall,
    Duration elapsed,
    long seed) {

  static ChaosFigures of(
      ChaosPlan plan,
      DSLContext db,
      List<Injected> injected,
      List<WorkerProcess> workers,
      Topics topics,
      KafkaProcess kafka,
      Instant started) {
    Map<Fault, Integer> faults = new EnumMap<>(Fault.class);
    Map<Fault, Duration> stalls = new EnumMap<>(Fault.class);
    for (Injected fault : injected) {
      faults.merge(fault.fault(), 1, Integer::sum);
      stallAfter(db, fault.at())
          .ifPresent(stall -> stalls.merge(fault.fault(), stall, ChaosFigures::longer));
    }
    List<HandlerRun> runs = workers.isEmpty() ? List.of() : workers.getFirst().runs();
    int duplicateRuns =
        HandlerRun.duplicates(runs).values().stream().mapToInt(same -> same.size() - 1).sum();
    return new ChaosFigures(
        plan.tasks(),
        db.fetchCount(TASKS),
        db.select(countDistinct(TASKS.CORRELATION_ID)).from(TASKS).fetchSingle().value1(),
        db.fetchCount(TASKS, TASKS.STATE.eq(TaskState.COMPLETE)),
        db.fetchCount(TASKS, TASKS.STATE.eq(TaskState.BLOCKED_BY_FAILURES)),
        db.fetchCount(
            db.select(STEP_TRANSITIONS.STEP_ID)
                .from(STEP_TRANSITIONS)
                .groupBy(
                    STEP_TRANSITIONS.STEP_ID, STEP_TRANSITIONS.ATTEMPT, STEP_TRANSITIONS.TO_STATE)
                .having(count().gt(1))),
        duplicateRuns,
        runs.size(),
        db.select(sum(WORKFLOW_STEPS.FREE_ATTEMPTS))
            .from(WORKFLOW_STEPS)
            .fetchSingle()
            .value1()
            .intValue(),
        deadLetters(kafka, topics),
        faults,
        stalls,
        Duration.between(started, Instant.now()),
        plan.seed());
  }

  int kills() {
    return faults.entrySet().stream()
        .filter(e -> e.getKey().kill)
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  /** The longest stall after a SIGKILL of a processor, a scheduler or a worker. */
  Duration longestStallAfterAServiceKill() {
    return List.of(
            Fault.KILL_PROCESSOR,
            Fault.KILL_PROCESSOR_IN_TRANSACTION,
            Fault.KILL_RELAY_OWNER,
            Fault.KILL_SCHEDULER,
            Fault.KILL_SCHEDULER_UNSENT,
            Fault.KILL_WORKER)
        .stream()
        .map(kind -> longestStall.getOrDefault(kind, Duration.ZERO))
        .reduce(Duration.ZERO, ChaosFigures::longer);
  }

  String summary() {
    return String.format(
        Locale.ROOT,
        "%d tasks sent, %d created (%d distinct), %d complete, %d wrongly failed, %d (step,"
            + " attempt) applied twice, %d duplicate handler runs of %d, %d dispatches nobody"
            + " started dispatched again uncharged, %d dead letters, faults"
            + " %s, longest stalls %s, %s, seed %d",
        tasksSent,
        tasksCreated,
        distinctTasks,
        tasksComplete,
        wronglyFailed,
        appliedTwice,
        duplicateHandlerRuns,
        handlerRuns,
        uncharged,
        deadLetters,
        faults,
        longestStall,
        elapsed,
        seed);
  }

  /**
   * After a fault at {@code at}: of the tasks that had moved in the two seconds before it and had
   * not finished, the longest wait for their next transition.
   */
  private static Optional<Duration> stallAfter(DSLContext db, Instant at) {
    Object seconds =
        db.fetchValue(
            "WITH moving AS (SELECT DISTINCT t.task_id FROM step_transitions t"
                + "   JOIN tasks k ON k.id = t.task_id"
                + "   WHERE t.occurred_at > ?::timestamptz - interval '2 seconds'"
                + "   AND t.occurred_at <= ?::timestamptz"
                + "   AND (k.completed_at IS NULL OR k.completed_at > ?::timestamptz)),"
                + " resumed AS (SELECT m.task_id, min(t.occurred_at) AS next FROM moving m"
                + "   JOIN step_transitions t ON t.task_id = m.task_id"
                + "   AND t.occurred_at > ?::timestamptz GROUP BY m.task_id)"
                + " SELECT extract(epoch FROM max(next) - ?::timestamptz) FROM resumed",
            at.toString(),
            at.toString(),
            at.toString(),
            at.toString(),
            at.toString());
    return seconds == null
        ? Optional.empty()
        : Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(seconds.toString()) * 1000)));
  }

  private static int deadLetters(KafkaProcess kafka, Topics topics) {
    try (KafkaProbe probe = new KafkaProbe(kafka.bootstrapServers());
        KafkaProbe.TopicReader reader = probe.reader(topics.deadLetters())) {
      int seen = 0;
      for (int polls = 0; polls < 10; polls++) {
        seen = reader.drain().size();
      }
      return seen;
    }
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Replaces the chaos section of the report (RELIABILITY.md) with these figures. */
  void writeTo(Path report) {
    try {
      String text = Files.readString(report, StandardCharsets.UTF_8);
      int begin = text.indexOf(BEGIN);
      int end = text.indexOf(END);
      if (begin < 0 || end < begin) {
        throw new IllegalStateException(report + " has no " + BEGIN + " ... " + END + " section");
      }
      Files.writeString(
          report,
          text.substring(0, begin + BEGIN.length()) + "\n" + table() + text.substring(end),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final String BEGIN = "<!-- chaos figures: written by ChaosIT -->";
  static final String END = "<!-- end of chaos figures -->";

  private String table() {
    StringBuilder table = new StringBuilder();
    table
        .append("Run of ")
        .append(Instant.now().toString(), 0, 16)
        .append(" UTC, ")
        .append(elapsed.toMinutes())
        .append(" min, seed ")
        .append(seed)
        .append(".\n\n| measure | figure |\n| --- | --- |\n");
    row(table, "tasks sent", tasksSent);
    row(table, "tasks lost (sent, never created)", tasksSent - distinctTasks);
    row(table, "tasks created twice", tasksCreated - distinctTasks);
    row(table, "tasks complete", tasksComplete);
    row(table, "tasks wrongly failed (blocked by failures)", wronglyFailed);
    row(table, "(step, attempt) applied twice", appliedTwice);
    row(table, "good messages dead-lettered", deadLetters);
    row(table, "handler runs", handlerRuns);
    row(table, "duplicate handler runs (a step's attempt run again)", duplicateHandlerRuns);
    row(table, "dispatches nobody started, dispatched again without costing an attempt", uncharged);
    row(table, "SIGKILLs in all", kills());
    table.append("\n| fault | times | longest stall after it |\n| --- | --- | --- |\n");
    faults.forEach(
        (fault, times) ->
            table
                .append("| ")
                .append(fault.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .append(" | ")
                .append(times)
                .append(" | ")
                .append(
                    String.format(
                        Locale.ROOT,
                        "%.1f s",
                        longestStall.getOrDefault(fault, Duration.ZERO).toMillis() / 1000.0))
                .append(" |\n"));
    return table.toString();
  }

  private static void row(StringBuilder table, String measure, int figure) {
    table.append("| ").append(measure).append(" | ").append(figure).append(" |\n");
  }
}
