package dev.tributary.processor.web;

/**
 * A duplicate whose original is being created by a concurrent request and is not yet visible;
 * retrying the request returns it.
 */
final class TaskConflictException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  TaskConflictException(String identityKey) {
    super(
        "a task with identity key "
            + identityKey
            + " is being created by a concurrent request; retry to get its id");
  }
}
