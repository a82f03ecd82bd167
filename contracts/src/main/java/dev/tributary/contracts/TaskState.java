package dev.tributary.contracts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The state of a task. The current state lives on the task row. */
public enum TaskState {
  PENDING,
  IN_PROGRESS,
  WAITING_FOR_RETRY,
  BLOCKED_BY_FAILURES,
  COMPLETE,
  CANCELLED,
  RESOLVED_MANUALLY;

  /** The lowercase name used on the wire and in the database. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state with the given wire name. */
  public static TaskState fromWireName(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }
}
