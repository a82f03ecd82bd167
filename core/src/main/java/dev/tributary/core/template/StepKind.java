package dev.tributary.core.template;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a step does with its success result: the template's {@code kind}. */
public enum StepKind {
  /** Runs its handler; nothing more. */
  STANDARD,
  /** Its result names which declared branches to create. */
  DECISION,
  /** Its result says how to split work into batch workers. */
  BATCHABLE,
  /** A template instantiated once per batch by a batchable step. */
  BATCH_WORKER,
  /** Waits for whichever of its declared dependencies were created. */
  CONVERGENCE;

  /** As templates and the API write it, e.g. {@code batch_worker}. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static StepKind fromWireName(String wireName) {
    try {
      return valueOf(wireName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown step kind '"
              + wireName
              + "'; expected standard, decision, batchable, batch_worker or convergence",
          e);
    }
  }
}
