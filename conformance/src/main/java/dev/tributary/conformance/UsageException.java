package dev.tributary.conformance;

/** A command line the kit cannot run with; the message says what is wrong. */
final class UsageException extends Exception {

  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
