package dev.tributary.processor.task;

/** A task request that can never succeed as sent: unknown template, missing idempotency key. */
public final class RejectedRequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  public RejectedRequestException(String reason) {
    super(reason);
    this.reason = reason;
  }

  /** The reason it was thrown with; never null, unlike a {@link Throwable}'s message in general. */
  @Override
  public String getMessage() {
    return reason;
  }
}
