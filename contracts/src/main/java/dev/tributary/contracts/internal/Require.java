package dev.tributary.contracts.internal;

import dev.tributary.contracts.Topics;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

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
    String namespace = present(value, "namespace");
    if (!Topics.NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException(
          "namespace '" + namespace + "' must match " + Topics.NAMESPACE.pattern());
    }
    return namespace;
  }

  /**
   * A JSON object. Jackson reads an explicit JSON {@code null} into a {@link JsonNode} field as a
   * null node rather than null, so {@link #present} alone would let it through.
   */
  public static JsonNode object(@Nullable JsonNode value, String field) {
    JsonNode object = present(value, field);
    if (!object.isObject()) {
      throw new IllegalArgumentException(field + " must be a JSON object, not " + describe(object));
    }
    return object;
  }

  /**
   * Any JSON value but {@code null}: a field that carries data, whose explicit JSON {@code null}
   * Jackson reads as a null node rather than as absent.
   */
  public static JsonNode value(@Nullable JsonNode value, String field) {
    JsonNode present = present(value, field);
    if (present.isNull()) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    return present;
  }

  public static void maxLength(@Nullable String value, int max, String field) {
    if (value != null && value.length() > max) {
      throw new IllegalArgumentException(field + " is longer than " + max + " characters");
    }
  }

  public static long notNegative(long value, String field) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must not be negative, was " + value);
    }
    return value;
  }

  private static String describe(JsonNode value) {
    if (value.isNull()) {
      return "null";
    }
    if (value.isArray()) {
      return "an array";
    }
    if (value.isString()) {
      return "a string";
    }
    if (value.isNumber()) {
      return "a number";
    }
    if (value.isBoolean()) {
      return "a boolean";
    }
    return value.getNodeType().toString().toLowerCase(Locale.ROOT);
  }

  public static int positive(int value, String field) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be at least 1, was " + value);
    }
    return value;
  }
}
