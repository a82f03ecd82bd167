package dev.tributary.store.internal;

import dev.tributary.contracts.StepState;
import org.jooq.impl.AbstractConverter;
import org.jspecify.annotations.Nullable;

/** Maps the text column to {@link StepState} by wire name. */
public final class StepStateConverter extends AbstractConverter<String, StepState> {

  private static final long serialVersionUID = 1L;

  public StepStateConverter() {
    super(String.class, StepState.class);
  }

  @Override
  public @Nullable StepState from(@Nullable String databaseObject) {
    return databaseObject == null ? null : StepState.fromWireName(databaseObject);
  }

  @Override
  public @Nullable String to(@Nullable StepState userObject) {
    return userObject == null ? null : userObject.wireName();
  }
}
