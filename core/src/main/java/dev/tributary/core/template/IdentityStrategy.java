package dev.tributary.core.template;

import java.util.Locale;

/**
 * How the processor recognises a duplicate task request. An explicit idempotency key on a request
 * always wins over the strategy.
 */
public enum IdentityStrategy {
  /** Same template (namespace, name and version) and same context: the same task. */
  STRICT,
  /** The caller must send an idempotency key; requests without one are rejected. */
  CALLER_PROVIDED,
  /** Every request without an idempotency key creates a task. */
  ALWAYS_UNIQUE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static IdentityStrategy fromWireName(String wireName) {
    try {
      return valueOf(wireName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown identity strategy '"
              + wireName
              + "'; expected strict, caller_provided or always_unique",
          e);
    }
  }
}
