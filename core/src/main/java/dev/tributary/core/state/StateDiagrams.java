package dev.tributary.core.state;

import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskState;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The state machines drawn from their tables, as the Markdown of {@code docs/state-machines.md}
 * (Mermaid diagrams and the tables themselves). A test compares the checked-in file with this, so
 * the picture cannot drift from the rules.
 */
public final class StateDiagrams {

  private StateDiagrams() {}

  /** The whole document. */
  public static String markdown() {
    StringBuilder doc = new StringBuilder();
    doc.append("# State machines\n\n")
        .append("Generated from `dev.tributary.core.state` (`StepMachine.TABLE`, ")
        .append("`TaskMachine.TABLE`, `TaskDecision.RULES`) by `StateDiagrams`; ")
        .append("`StateDiagramsTest` fails when this file differs. Do not edit it by hand: run\n")
        .append(
            "`./mvnw -pl core test -Dtest=StateDiagramsTest -Dtributary.diagrams.write=true`.\n\n")
        .append("## Steps\n\n```mermaid\nstateDiagram-v2\n")
        .append("    [*] --> ")
        .append(StepState.PENDING.wireName())
        .append('\n');
    for (StepMachine.Row row : StepMachine.TABLE) {
      doc.append("    ")
          .append(row.from().wireName())
          .append(" --> ")
          .append(row.to().wireName())
          .append(": ")
          .append(label(row.event()))
          .append(row.guard() == StepGuard.ALWAYS ? "" : " [" + row.guard().label() + "]")
          .append('\n');
    }
    doc.append("```\n\n| from | event | guard | to |\n| --- | --- | --- | --- |\n");
    for (StepMachine.Row row : StepMachine.TABLE) {
      doc.append(
          "| %s | %s | %s | %s |\n"
              .formatted(
                  row.from().wireName(),
                  label(row.event()),
                  row.guard().label(),
                  row.to().wireName()));
    }
    doc.append("\nNamed sets: in flight = ")
        .append(names(StepMachine.IN_FLIGHT))
        .append("; open = ")
        .append(names(StepMachine.OPEN))
        .append("; satisfies dependents = ")
        .append(names(StepMachine.SATISFIES_DEPENDENTS))
        .append("; final = ")
        .append(names(StepMachine.FINAL))
        .append(".\n\n## Tasks\n\n```mermaid\nstateDiagram-v2\n    [*] --> ")
        .append(TaskState.PENDING.wireName())
        .append('\n');
    for (TaskMachine.Row row : TaskMachine.TABLE) {
      doc.append("    ")
          .append(row.from().wireName())
          .append(" --> ")
          .append(row.to().wireName())
          .append(": ")
          .append(label(row.event()))
          .append('\n');
    }
    doc.append("```\n\nAfter every change to a task's steps, its state is decided from counts over")
        .append(" its steps, by the first rule that holds:\n\n| rule | state |\n| --- | --- |\n");
    for (TaskDecision.Rule rule : TaskDecision.RULES) {
      doc.append(
          "| %s %s | %s |\n"
              .formatted(
                  rule.all() ? "all steps" : "any step",
                  count(rule.count()),
                  rule.state().wireName()));
    }
    doc.append("| otherwise | ")
        .append(TaskDecision.OTHERWISE.wireName())
        .append(" |\n\nUnfinished = ")
        .append(taskNames(TaskMachine.UNFINISHED))
        .append("; finished = ")
        .append(taskNames(TaskMachine.FINISHED))
        .append(". No row leads to `resolved_manually`: the contract reserves it for resolving a")
        .append(" whole task by hand, which no action does yet.\n");
    return doc.toString();
  }

  private static String count(TaskDecision.Count count) {
    String states = names(count.states());
    return count.readyPending() ? states + " or ready (pending, no unmet dependency)" : states;
  }

  private static String label(Enum<?> event) {
    return event.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String names(java.util.Set<StepState> states) {
    return states.stream().map(StepState::wireName).collect(Collectors.joining(", "));
  }

  private static String taskNames(java.util.Set<TaskState> states) {
    return states.stream().map(TaskState::wireName).collect(Collectors.joining(", "));
  }
}
