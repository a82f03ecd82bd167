package dev.tributary.contracts;

/**
 * A message that cannot be read: malformed JSON, a missing or ill-typed field, an unsupported
 * schema version, or too large. Never retried: the message goes to the dead-letter topic with
 * {@link #getMessage()} as its reason.
 */
public final class InvalidMessageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  public InvalidMessageException(String reason) {
    super(reason);
    this.reason = reason;
  }

  public InvalidMessageException(String reason, Throwable cause) {
    super(reason, cause);
    this.reason = reason;
  }

  /** The reason it was thrown with; never null, unlike a {@link Throwable}'s message in general. */
  @Override
  public String getMessage() {
    return reason;
  }
}
