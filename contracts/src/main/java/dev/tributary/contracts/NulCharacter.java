package dev.tributary.contracts;

import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The one character JSON allows and Tributary cannot store: U+0000 (NUL). PostgreSQL's {@code
 * jsonb} and {@code text} reject it, so no string or object key that Tributary stores may contain
 * it. The contract's rule, applied where a value enters:
 *
 * <ul>
 *   <li>a task request (topic or REST) with it anywhere is rejected, naming the field;
 *   <li>a worker's success or checkpoint with it fails the step at once, permanently, with {@link
 *       ErrorClasses#INVALID_OUTCOME} and a message naming the field; the worker library refuses to
 *       send such an answer and reports that failure itself;
 *   <li>a failure's error class or message with it is stored with each U+0000 replaced by U+FFFD.
 * </ul>
 *
 * Binary data belongs in a string encoding such as base64, not in raw escapes.
 */
public final class NulCharacter {

  /** The rule in a sentence, for reasons and problem details. */
  public static final String RULE =
      "the character U+0000 cannot be stored (PostgreSQL's jsonb and text reject it); encode"
          + " binary data, e.g. as base64";

  private static final char NUL = '\u0000';

  private NulCharacter() {}

  /** Whether the text contains U+0000. */
  public static boolean in(@Nullable String text) {
    return text != null && text.indexOf(NUL) >= 0;
  }

  /** The text with each U+0000 replaced by U+FFFD (the replacement character). */
  public static String replaced(String text) {
    return in(text) ? text.replace(NUL, '\uFFFD') : text;
  }

  /**
   * Where the first U+0000 in a JSON value is: its wire path from {@code root} (e.g. {@code
   * context.items[2].name}), in a string or in an object's key; empty when there is none.
   */
  public static Optional<String> pathIn(@Nullable JsonNode value, String root) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.isString()) {
      return in(value.asString()) ? Optional.of(root) : Optional.empty();
    }
    if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        Optional<String> found = pathIn(value.get(i), root + "[" + i + "]");
        if (found.isPresent()) {
          return found;
        }
      }
    } else if (value.isObject()) {
      for (Map.Entry<String, JsonNode> property : value.properties()) {
        String path = root + "." + property.getKey();
        if (in(property.getKey())) {
          return Optional.of(root + " (in a key)");
        }
        Optional<String> found = pathIn(property.getValue(), path);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * @throws IllegalArgumentException naming the field when the value contains U+0000
   */
  static void rejectIn(@Nullable JsonNode value, String field) {
    pathIn(value, field)
        .ifPresent(
            path -> {
              throw new IllegalArgumentException(path + " contains U+0000: " + RULE);
            });
  }

  /**
   * @throws IllegalArgumentException naming the field when the text contains U+0000
   */
  static void rejectIn(@Nullable String text, String field) {
    if (in(text)) {
      throw new IllegalArgumentException(field + " contains U+0000: " + RULE);
    }
  }
}
