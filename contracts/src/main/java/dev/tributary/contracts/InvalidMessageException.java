package dev.tributary.contracts;

/**
 * A message that cannot be read: malformed JSON, a missing or ill-typed field, an unsupported
 * schema version, or too large. Never retried: the message goes to the dead-letter topic with
 * {@link #getMessage()} as its reason.
 */
public final class InvalidMessageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InvalidMessageException(String reason) {
    super(reason);
  }

  public InvalidMessageException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
