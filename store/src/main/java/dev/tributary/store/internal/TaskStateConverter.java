package dev.tributary.store.internal;

import dev.tributary.contracts.TaskState;
import org.jooq.impl.AbstractConverter;
import org.jspecify.annotations.Nullable;

/** Maps the text column to {@link TaskState} by wire name. */
public final class TaskStateConverter extends AbstractConverter<String, TaskState> {

  private static final long serialVersionUID = 1L;

  public TaskStateConverter() {
    super(String.class, TaskState.class);
  }

  @Override
  public @Nullable TaskState from(@Nullable String databaseObject) {
    return databaseObject == null ? null : TaskState.fromWireName(databaseObject);
  }

  @Override
  public @Nullable String to(@Nullable TaskState userObject) {
    return userObject == null ? null : userObject.wireName();
  }
}
