package dev.tributary.processor.operator;

import java.util.UUID;

/** An operator named a step the task does not have. */
public final class UnknownStepException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UnknownStepException(UUID taskId, String step) {
    super("step '" + step + "' of task " + taskId + " does not exist");
  }
}
