package dev.tributary.processor.operator;

import java.util.UUID;

/** An operator action on a task that does not exist. */
public final class UnknownTaskException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UnknownTaskException(UUID taskId) {
    super("task " + taskId + " does not exist");
  }
}
