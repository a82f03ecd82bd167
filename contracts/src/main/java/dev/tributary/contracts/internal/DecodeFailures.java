package dev.tributary.contracts.internal;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;

/** Turns a Jackson failure into one line a producer can act on. */
public final class DecodeFailures {

  private DecodeFailures() {}

  public static String reason(Class<?> type, JacksonException e) {
    String what = type.getSimpleName();
    if (e instanceof ValueInstantiationException && e.getCause() instanceof RuntimeException c) {
      return "invalid " + what + ": " + c.getMessage();
    }
    if (e instanceof InvalidTypeIdException t) {
      return "invalid " + what + ": unknown type '" + t.getTypeId() + "'" + at(e);
    }
    if (e instanceof MismatchedInputException) {
      return "invalid " + what + ": " + firstLine(e.getOriginalMessage()) + at(e);
    }
    if (e instanceof StreamReadException) {
      return "malformed JSON: " + firstLine(e.getOriginalMessage());
    }
    return "unreadable " + what + ": " + firstLine(e.getOriginalMessage());
  }

  private static String at(JacksonException e) {
    String path = e.getPathReference();
    return path == null || path.isEmpty() ? "" : " (at " + path + ")";
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
