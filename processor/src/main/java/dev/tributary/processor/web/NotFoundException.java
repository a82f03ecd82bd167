package dev.tributary.processor.web;

/** The thing asked for does not exist. */
final class NotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  NotFoundException(String what) {
    super(what + " does not exist");
  }
}
