package dev.tributary.store.template;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A template version to register.
 *
 * @param id the id it gets if it is new
 * @param namespace its namespace
 * @param name its name
 * @param version its version
 * @param templateJson the template, as canonical JSON
 * @param digest a digest of {@code templateJson}; the same version registered with another digest
 *     is refused
 * @param identityStrategy how duplicate task requests are recognised
 * @param steps its steps
 */
public record NewTemplate(
    UUID id,
    String namespace,
    String name,
    String version,
    String templateJson,
    String digest,
    String identityStrategy,
    List<NewNamedStep> steps) {

  public NewTemplate {
    steps = List.copyOf(steps);
  }

  /** A step of a template, with the settings workflow steps copy at creation. */
  public record NewNamedStep(
      UUID id,
      String name,
      String handler,
      dev.tributary.core.template.StepKind kind,
      int maxAttempts,
      boolean retryable,
      int backoffBaseMs,
      double backoffMultiplier,
      int backoffMaxMs,
      double backoffJitter,
      int timeoutMs,
      @Nullable Integer scheduleToStartMs) {}
}
