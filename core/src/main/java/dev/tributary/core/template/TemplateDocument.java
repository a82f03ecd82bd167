package dev.tributary.core.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A template as written (YAML or JSON, snake_case), before defaults and validation. Every field may
 * be missing here; {@link TemplateParser} says which ones must not be.
 */
record TemplateDocument(
    @Nullable String namespace,
    @Nullable String name,
    @Nullable String version,
    @Nullable String description,
    @Nullable String identity,
    @Nullable Defaults defaults,
    @Nullable List<StepDocument> steps) {

  record Defaults(
      @Nullable RetryDocument retry, @Nullable String timeout, @Nullable String scheduleToStart) {}

  record StepDocument(
      @Nullable String name,
      @Nullable String handler,
      @Nullable String kind,
      @Nullable List<String> dependsOn,
      @Nullable List<String> branches,
      @Nullable String batchWorker,
      @Nullable RetryDocument retry,
      @Nullable String timeout,
      // Left out of the canonical form when absent, so that templates registered before it
      // existed keep their digest.
      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String scheduleToStart) {}

  record RetryDocument(
      @Nullable Integer maxAttempts, @Nullable Boolean retryable, @Nullable Backoff backoff) {}

  record Backoff(
      @Nullable String base,
      @Nullable Double multiplier,
      @Nullable String max,
      @Nullable Double jitter) {}
}
