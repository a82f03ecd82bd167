package dev.tributary.processor.operator;

/** An operator action whose preconditions do not hold; the message says which. */
public final class ActionRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ActionRefusedException(String reason) {
    super(reason);
  }
}
