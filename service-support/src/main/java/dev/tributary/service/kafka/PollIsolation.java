package dev.tributary.service.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a poll's items together; if that fails for a reason other than a transient outage,
 * applies them one at a time, so that one item that cannot be applied (a poison message the
 * validation did not catch) holds back nothing else. Transient failures are rethrown for the
 * listener container to retry the whole poll with backoff.
 *
 * <p>Logs at WARN and above name failures by class and SQLSTATE only: a database error's message
 * can quote row values, which belong in the dead letter (for those with access to it), not in logs.
 */
public final class PollIsolation {

  private static final Logger log = LoggerFactory.getLogger(PollIsolation.class);

  private PollIsolation() {}

  /**
   * Applies a poll's items together, or one by one when that fails other than transiently.
   *
   * @param items the poll's items
   * @param apply applies items, returning one outcome per item, in order
   * @param failed the outcome of an item that failed on its own (it goes to the dead letters)
   * @param what what the items are, for the log
   */
  public static <I, O> List<O> apply(
      List<I> items,
      Function<List<I>, List<O>> apply,
      Function<RuntimeException, O> failed,
      String what) {
    try {
      return apply.apply(items);
    } catch (RuntimeException e) {
      if (TransientFailures.isTransient(e)) {
        throw e;
      }
      log.warn(
          "Applying {} {} together failed ({}); applying them one by one",
          items.size(),
          what,
          FailureSummary.of(e));
      log.debug("Applying {} {} together failed", items.size(), what, e);
    }
    List<O> outcomes = new ArrayList<>(items.size());
    for (I item : items) {
      try {
        outcomes.addAll(apply.apply(List.of(item)));
      } catch (RuntimeException single) {
        if (TransientFailures.isTransient(single)) {
          throw single;
        }
        log.error(
            "One of the {} cannot be applied ({}); this indicates a bug. Its dead letter carries"
                + " the reason; the stack trace is at DEBUG",
            what,
            FailureSummary.of(single));
        log.debug("One of the {} cannot be applied", what, single);
        outcomes.add(failed.apply(single));
      }
    }
    return outcomes;
  }
}
