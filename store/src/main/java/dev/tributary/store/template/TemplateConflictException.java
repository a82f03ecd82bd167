package dev.tributary.store.template;

/** A template version was registered before with different content; versions are immutable. */
public final class TemplateConflictException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public TemplateConflictException(String reference) {
    super(
        "template "
            + reference
            + " is already registered with different content; a version cannot change, so"
            + " register the new content under a new version");
  }
}
