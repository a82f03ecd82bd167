package dev.tributary.bench.report;

import static dev.tributary.bench.report.Format.count;
import static dev.tributary.bench.report.Format.ratio;

import dev.tributary.bench.scenario.EndToEnd;
import dev.tributary.bench.scenario.Sequential;
import dev.tributary.bench.scenario.StatementsPerMessage;
import java.util.Locale;

/** Statements per message, next to the older engine's. */
final class StatementsSection extends Section {

  StatementsSection(RunResults results, StringBuilder out) {
    super(results, out);
  }

  void statements() {
    StatementsPerMessage.Result s = results.statements();
    line("## 2. Statements per message");
    line();
    if (s == null) {
      line("Not run.");
      line();
      return;
    }
    line(
        "Counted with the services' own `StatementCounter` (a jOOQ `ExecuteListener`) around the"
            + " real code: the processor's `ResultProcessor` for results, task creation for"
            + " requests, the scheduler's claim statement (`StepClaims`) for dispatches. \"Alone\""
            + " is one message in its own poll, the worst case; \"in a poll\" is the same kind of"
            + " message for "
            + count(results.options().pollSize())
            + " different tasks handled"
            + " together, as a busy processor polls them. BEGIN/COMMIT are not counted.");
    line();
    line(
        "| message | statements, alone | per message, in a poll of "
            + count(results.options().pollSize())
            + " | older engine |");
    line("| --- | ---: | ---: | ---: |");
    for (StatementsPerMessage.Row row : s.rows()) {
      row(
          row.scenario(), String.valueOf(row.alone()),
          String.format(Locale.ROOT, "%.3f", row.perMessageInPoll()), row.older());
    }
    line();
    line("<details><summary>The statements of each message handled alone</summary>");
    line();
    for (StatementsPerMessage.Row row : s.rows()) {
      line("- " + row.scenario() + ":");
      for (String sql : row.sql()) {
        line("  - `" + sql.replace("`", "'") + "`");
      }
    }
    line();
    line("</details>");
    line();
    line("A whole workflow run, divided by its steps (dispatch + results + finalization):");
    line();
    line("| | statements per step | older engine |");
    line("| --- | ---: | ---: |");
    row(
        "one `pipeline` task, every message alone (the worst case)",
        ratio(s.perStepAlone()),
        "≈ " + count(Targets.OLDER_STATEMENTS_PER_STEP));
    row(
        "the same, each step also reporting `started` (the worker library)",
        ratio(s.perStepAloneWithStarted()),
        "≈ " + count(Targets.OLDER_STATEMENTS_PER_STEP));
    EndToEnd.Result judged = results.judgedEndToEnd();
    if (judged != null && judged.finished()) {
      row(
          "under load: the end-to-end run of "
              + count(judged.tasks())
              + " tasks (all services, background loops included)",
          ratio(judged.statementsPerStep()),
          "≈ " + count(Targets.OLDER_STATEMENTS_PER_STEP));
    }
    for (Sequential.Result sequential : results.sequential()) {
      if (sequential.finished()) {
        row(
            "at a steady "
                + count(sequential.tasksPerSecond() * Sequential.STEPS_PER_TASK)
                + " steps/s: the sequential run (section 6)",
            ratio(sequential.statementsPerStep()),
            "≈ " + count(Targets.OLDER_STATEMENTS_PER_STEP));
      }
    }
    line();
    line(
        "There is no API to look tasks up by correlation id yet; the row above measures the"
            + " store query such an API would run. PostgreSQL's plan for it:");
    line();
    line("```");
    line(s.correlationPlan());
    line("```");
    line();
  }
}
