package dev.tributary.demo;

/** The command line cannot be run as given; the message says why. */
final class UsageException extends Exception {

  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
