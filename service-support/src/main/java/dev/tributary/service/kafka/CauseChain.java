package dev.tributary.service.kafka;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** A failure's cause chain, as the failure-naming and failure-classifying code walks it. */
final class CauseChain {

  private CauseChain() {}

  /**
   * The failure and its causes, outermost first, each once: a chain that loops back (a cause whose
   * cause is itself or an earlier one) ends before the repeat.
   */
  static List<Throwable> of(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }
}
