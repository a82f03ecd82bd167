package dev.tributary.core.template;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Compiled templates by their registered id: where the rules find a step's template. */
@FunctionalInterface
public interface TemplatePlans {

  /**
   * The compiled template registered under {@code id}.
   *
   * @param storedJson its stored form, when the caller has it at hand (saves a lookup)
   */
  TemplatePlan plan(UUID id, @Nullable String storedJson);
}
