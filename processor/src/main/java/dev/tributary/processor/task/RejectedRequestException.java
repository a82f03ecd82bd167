package dev.tributary.processor.task;

/** A task request that can never succeed as sent: unknown template, missing idempotency key. */
public final class RejectedRequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RejectedRequestException(String reason) {
    super(reason);
  }
}
