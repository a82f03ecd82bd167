package dev.tributary.contracts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The state of a workflow step. The current state lives on the step row. */
public enum StepState {
  PENDING,
  ENQUEUED,
  IN_PROGRESS,
  WAITING_FOR_RETRY,
  COMPLETE,
  ERROR,
  CANCELLED,
  RESOLVED_MANUALLY;

  /** The lowercase name used on the wire and in the database. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state with the given wire name. */
  public static StepState fromWireName(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }
}
