package dev.tributary.contracts.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns a Jackson failure into one line a producer can act on: which field, by its wire path (e.g.
 * {@code outcome.retryable}, {@code outcome.expansion.cursors[1].start}), and what it must be.
 */
public final class DecodeFailures {

  /** Jackson's coercion failures: "Cannot coerce String value ("1") to `int` value ...". */
  private static final Pattern COERCION =
      Pattern.compile("^Cannot coerce (empty String|\\S+ value) \\((.*)\\) to ");

  /** Jackson's type mismatches: "Cannot deserialize value of type `int` from Boolean value". */
  private static final Pattern SHAPE = Pattern.compile("^Cannot deserialize .* from (\\S+) value");

  /** Jackson's bad values: "Cannot deserialize value of type `X` from String "done": ...". */
  private static final Pattern VALUE =
      Pattern.compile("^Cannot deserialize value of type `[^`]*` from (String|number) (.+?): ");

  /** Jackson's overflows: "Numeric value (3000000000) out of range of `int` (...)". */
  private static final Pattern OUT_OF_RANGE =
      Pattern.compile("^Numeric value \\((.*)\\) out of range");

  /** Jackson's hint that a coercion could be configured; noise to a producer. */
  private static final Pattern COERCION_HINT =
      Pattern.compile(" \\(but (could|might) if coercion [^)]*\\)");

  private DecodeFailures() {}

  public static String reason(Class<?> type, JacksonException e) {
    String what = type.getSimpleName();
    if (e instanceof ValueInstantiationException && e.getCause() instanceof RuntimeException c) {
      return "invalid " + what + ": " + c.getMessage() + at(e);
    }
    if (e instanceof InvalidTypeIdException t) {
      return t.getTypeId() == null
          ? "invalid " + what + ": " + wirePath(e) + " must be an object with a \"type\""
          : "invalid " + what + ": unknown type '" + t.getTypeId() + "'" + at(e);
    }
    if (e instanceof MismatchedInputException m) {
      String path = wirePath(e);
      String expected = m.getTargetType() == null ? null : expected(m.getTargetType());
      if (!path.isEmpty() && expected != null) {
        return "invalid " + what + ": " + path + " must be " + expected + got(m);
      }
      return "invalid " + what + ": " + detail(e) + at(e);
    }
    if (e instanceof InputCoercionException c && !wirePath(e).isEmpty()) {
      // A readable number too large for its field: the JSON is fine, the value is not.
      return "invalid " + what + ": " + wirePath(e) + " must be " + range(c) + tooLarge(c);
    }
    if (e instanceof StreamReadException) {
      return "malformed JSON: " + firstLine(e.getOriginalMessage());
    }
    return "unreadable " + what + ": " + firstLine(e.getOriginalMessage());
  }

  /** The field's path as a producer names it, e.g. {@code outcome.expansion.cursors[1]}. */
  static String wirePath(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      String name = reference.getPropertyName();
      if (name != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(name);
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** What a value of this Java type must be on the wire; null when there is nothing to say. */
  private static @Nullable String expected(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "an integer (a number without quotes whose fraction, if any, is zero)";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Instant.class) {
      return "an RFC 3339 date-time string with an offset, e.g. 2025-06-03T14:22:05Z";
    }
    if (type == UUID.class) {
      return "a UUID string";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(constant -> WireJson.mapper().valueToTree(constant).asString())
              .collect(Collectors.joining(", "));
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord() || type.isSealed()) {
      return "an object";
    }
    return null;
  }

  /** The range of an integer type, e.g. "an integer from -2147483648 to 2147483647". */
  private static String range(InputCoercionException e) {
    Class<?> type = e.getTargetType();
    if (type == int.class || type == Integer.class) {
      return "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
    }
    if (type == long.class || type == Long.class) {
      return "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
    }
    return "a number in the range of " + (type == null ? "its type" : type.getSimpleName());
  }

  /** The number that did not fit, as far as Jackson's message says it. */
  private static String tooLarge(InputCoercionException e) {
    Matcher number = OUT_OF_RANGE.matcher(firstLine(e.getOriginalMessage()));
    return number.find() ? ", not " + number.group(1) : "";
  }

  /** What was there instead, as far as Jackson's message says it. */
  private static String got(MismatchedInputException e) {
    String message = firstLine(e.getOriginalMessage());
    Matcher coercion = COERCION.matcher(message);
    if (coercion.find()) {
      return switch (coercion.group(1)) {
        case "String value" -> ", not the string " + coercion.group(2);
        case "empty String" -> ", not an empty string";
        default -> ", not " + coercion.group(2);
      };
    }
    Matcher value = VALUE.matcher(message);
    if (value.find()) {
      return ", not the " + value.group(1).toLowerCase(Locale.ROOT) + " " + value.group(2);
    }
    Matcher shape = SHAPE.matcher(message);
    if (shape.find()) {
      return switch (shape.group(1)) {
        case "String" -> ", not a string";
        case "Integer", "Floating-point" -> ", not a number";
        case "Boolean" -> ", not a boolean";
        case "Object" -> ", not an object";
        case "Array" -> ", not an array";
        default -> " (" + detail(e) + ")";
      };
    }
    return " (" + detail(e) + ")";
  }

  /** Jackson's message without its configuration hints. */
  private static String detail(JacksonException e) {
    return COERCION_HINT.matcher(firstLine(e.getOriginalMessage())).replaceAll("");
  }

  private static String at(JacksonException e) {
    String path = wirePath(e);
    return path.isEmpty() ? "" : " (at " + path + ")";
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
