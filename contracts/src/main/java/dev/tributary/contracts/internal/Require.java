package dev.tributary.contracts.internal;

import dev.tributary.contracts.Topics;
import java.util.Collection;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks used by message constructors. Each failure message names the wire field, because it ends
 * up in a dead-letter reason read by whoever produced the message.
 */
public final class Require {

  private Require() {}

  /** Missing numbers read as 0, so 0 means the field was left out. */
  public static void schemaVersion(int actual, int supported) {
    if (actual == 0) {
      throw new IllegalArgumentException("schema_version is required");
    }
    if (actual != supported) {
      throw new IllegalArgumentException(
          "schema_version " + actual + " is not supported; this version reads " + supported);
    }
  }

  public static <T> T present(@Nullable T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    if (value instanceof String s && s.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    if (value instanceof Collection<?> c && c.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException(field + " must not contain null");
    }
    return value;
  }

  /** A template namespace: it names a dispatch topic, so it must match {@link Topics#NAMESPACE}. */
  public static String namespace(@Nullable String value) {
    present(value, "namespace");
    if (!Topics.NAMESPACE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "namespace '" + value + "' must match " + Topics.NAMESPACE.pattern());
    }
    return value;
  }

  public static void maxLength(@Nullable String value, int max, String field) {
    if (value != null && value.length() > max) {
      throw new IllegalArgumentException(field + " is longer than " + max + " characters");
    }
  }

  public static int positive(int value, String field) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be at least 1, was " + value);
    }
    return value;
  }
}
