package dev.tributary.conformance;

import java.util.List;
import java.util.Optional;

/**
 * A rule about the answers to one dispatch: it fails when no final answer arrives, or when the
 * check finds a problem with what did.
 *
 * @param name the rule's name
 * @param requirement what the worker must do
 * @param sent the dispatch
 * @param check what must hold of the answers, given the first final one
 */
record AnswerRule(String name, String requirement, Sent sent, Check check) implements Rule {

  /** What must hold of a dispatch's answers. */
  @FunctionalInterface
  interface Check {

    /** The problem with the answers, if any; {@code end} is the first final one. */
    Optional<String> problem(List<Answer> answers, Answer end);
  }

  @Override
  public List<Sent> dispatches() {
    return List.of(sent);
  }

  @Override
  public Verdict judge(Observed observed) {
    List<Answer> answers = observed.of(sent);
    return answers.stream()
        .filter(Answer::isFinal)
        .findFirst()
        .map(end -> check.problem(answers, end))
        .map(
            problem ->
                problem.map(p -> Verdict.fail(name, p)).orElse(Verdict.pass(name, requirement)))
        .orElseGet(
            () ->
                Verdict.fail(
                    name,
                    "no success or failure arrived for step "
                        + sent.stepId()
                        + "; saw "
                        + Answer.summary(answers)));
  }
}
