package dev.tributary.store.internal;

import dev.tributary.core.template.StepKind;
import org.jooq.impl.AbstractConverter;
import org.jspecify.annotations.Nullable;

/** Maps the text column to {@link StepKind} by wire name. */
public final class StepKindConverter extends AbstractConverter<String, StepKind> {

  private static final long serialVersionUID = 1L;

  public StepKindConverter() {
    super(String.class, StepKind.class);
  }

  @Override
  public @Nullable StepKind from(@Nullable String databaseObject) {
    return databaseObject == null ? null : StepKind.fromWireName(databaseObject);
  }

  @Override
  public @Nullable String to(@Nullable StepKind userObject) {
    return userObject == null ? null : userObject.wireName();
  }
}
