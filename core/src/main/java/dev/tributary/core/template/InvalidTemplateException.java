package dev.tributary.core.template;

import java.util.List;

/** A template that cannot be registered; each problem names the template and the step. */
public final class InvalidTemplateException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public InvalidTemplateException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
