package dev.tributary.conformance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A rule every answer of the run must keep, such as its key or its trace context; answers to
 * dispatches of other runs are not its business.
 *
 * @param name the rule's name
 * @param requirement what the worker must do
 * @param sent every dispatch of the run (asked for once they are all made)
 * @param check the problem with one answer to one dispatch, if any
 */
record EveryAnswerRule(String name, String requirement, Supplier<List<Sent>> sent, Check check)
    implements Rule {

  /** What must hold of each answer. */
  @FunctionalInterface
  interface Check {

    /** The problem with this answer to that dispatch, if any. */
    Optional<String> problem(Answer answer, Sent to, List<Answer> answersToIt);
  }

  @Override
  public List<Sent> dispatches() {
    return List.of();
  }

  @Override
  public Verdict judge(Observed observed) {
    Map<UUID, Sent> byStep = new HashMap<>();
    sent.get().forEach(s -> byStep.put(s.stepId(), s));
    List<String> problems = new ArrayList<>();
    int judged = 0;
    for (Answer answer : observed.all()) {
      Sent to = answer.stepId() == null ? null : byStep.get(answer.stepId());
      if (to == null) {
        continue;
      }
      judged++;
      check.problem(answer, to, observed.of(to)).ifPresent(problems::add);
    }
    if (judged == 0) {
      return Verdict.fail(name, "no answers to judge");
    }
    return problems.isEmpty()
        ? Verdict.pass(name, requirement + " (" + judged + " results)")
        : Verdict.fail(
            name,
            problems.size() + " of " + judged + " results did not; first: " + problems.getFirst());
  }
}
