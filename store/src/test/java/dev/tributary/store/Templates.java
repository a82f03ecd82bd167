package dev.tributary.store;

import dev.tributary.contracts.UuidV7;
import dev.tributary.core.template.StepKind;
import dev.tributary.store.template.NewTemplate;
import dev.tributary.store.template.NewTemplate.NewNamedStep;
import java.util.List;

/** Templates for the store's tests: what a test varies is its steps; the rest is the same. */
public final class Templates {

  private Templates() {}

  /** A template version of these steps, identified by tasks' ids ({@code always_unique}). */
  public static NewTemplate template(
      String namespace, String name, String version, List<NewNamedStep> steps) {
    return new NewTemplate(
        UuidV7.generate(),
        namespace,
        name,
        version,
        "{}",
        namespace + "/" + name + "@" + version,
        "always_unique",
        steps);
  }

  /** A step of a template: 3 attempts, 1 s backoff doubling to 60 s, 60 s timeout. */
  public static NewNamedStep step(String name, StepKind kind) {
    return new NewNamedStep(
        UuidV7.generate(), name, "h", kind, 3, true, 1000, 2.0, 60_000, 0.0, 60_000, null);
  }
}
