package dev.tributary.conformance;

import dev.tributary.contracts.Outcome;
import java.time.Duration;
import java.util.List;

/**
 * A dispatch a conforming worker must not run, followed on the same partition by one it must: once
 * the second is answered (and a moment more has passed), the first was read and left alone.
 *
 * @param name the rule's name
 * @param requirement what the worker must do
 * @param refused the dispatch not to run
 * @param after an ordinary dispatch of the same task, sent right after it
 */
record NotRunRule(String name, String requirement, Sent refused, Sent after) implements Rule {

  /** How long after the second answer the first must still be unanswered by a success. */
  static final Duration QUIET = Duration.ofSeconds(3);

  @Override
  public List<Sent> dispatches() {
    return List.of(refused, after);
  }

  @Override
  public boolean settled(Observed observed) {
    return observed.answeredBefore(after, QUIET);
  }

  @Override
  public Verdict judge(Observed observed) {
    if (observed.finals(after).isEmpty()) {
      return Verdict.fail(
          name,
          "the ordinary dispatch sent right after it got no answer either (is the worker up?)");
    }
    List<Answer> answers = observed.of(refused);
    boolean ran =
        answers.stream()
            .anyMatch(
                a ->
                    a.outcome().orElse(null) instanceof Outcome.Started
                        || a.outcome().orElse(null) instanceof Outcome.Succeeded);
    return ran
        ? Verdict.fail(name, "it was run: saw " + Answer.summary(answers))
        : Verdict.pass(name, requirement);
  }
}
