package dev.tributary.conformance;

import dev.tributary.contracts.Outcome;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The same dispatch delivered twice, as at-least-once delivery allows: every final answer to it is
 * the same success, and at least one arrives.
 *
 * @param name the rule's name
 * @param requirement what the worker must do
 * @param sent the dispatch, sent twice
 * @param result the result a success must carry
 */
record DuplicateRule(String name, String requirement, Sent sent, JsonNode result) implements Rule {

  /** How long after the first answer a second may still come. */
  static final Duration QUIET = Duration.ofSeconds(3);

  @Override
  public List<Sent> dispatches() {
    return List.of(sent, sent);
  }

  @Override
  public boolean settled(Observed observed) {
    return observed.finals(sent).size() >= 2 || observed.answeredBefore(sent, QUIET);
  }

  @Override
  public Verdict judge(Observed observed) {
    List<Answer> finals = observed.finals(sent);
    if (finals.isEmpty()) {
      return Verdict.fail(
          name, "no answer to either copy; saw " + Answer.summary(observed.of(sent)));
    }
    boolean same =
        finals.stream()
            .allMatch(
                a ->
                    a.outcome().orElse(null) instanceof Outcome.Succeeded s
                        && s.result().equals(result));
    return same
        ? Verdict.pass(name, requirement + " (" + finals.size() + " final answers)")
        : Verdict.fail(name, "the copies were answered differently: " + Answer.summary(finals));
  }
}
