package dev.tributary.store.internal;

import dev.tributary.core.template.StepKind;
import org.jooq.impl.AbstractConverter;

/** Maps the text column to {@link StepKind} by wire name. */
public final class StepKindConverter extends AbstractConverter<String, StepKind> {

  private static final long serialVersionUID = 1L;

  public StepKindConverter() {
    super(String.class, StepKind.class);
  }

  @Override
  public StepKind from(String databaseObject) {
    return databaseObject == null ? null : StepKind.fromWireName(databaseObject);
  }

  @Override
  public String to(StepKind userObject) {
    return userObject == null ? null : userObject.wireName();
  }
}
