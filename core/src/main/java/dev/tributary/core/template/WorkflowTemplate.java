package dev.tributary.core.template;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A workflow template: a DAG of steps, identified by namespace, name and version. Immutable once
 * registered.
 *
 * @param namespace groups templates; its workers consume {@code steps.<namespace>}
 * @param name the template's name
 * @param version the template's version
 * @param description what it does, for people
 * @param identity how duplicate task requests are recognised
 * @param steps its steps, in declaration order
 */
public record WorkflowTemplate(
    String namespace,
    String name,
    String version,
    @Nullable String description,
    IdentityStrategy identity,
    List<TemplateStep> steps) {

  public WorkflowTemplate {
    steps = List.copyOf(steps);
  }

  /** namespace/name@version, for messages. */
  public String reference() {
    return namespace + "/" + name + "@" + version;
  }
}
