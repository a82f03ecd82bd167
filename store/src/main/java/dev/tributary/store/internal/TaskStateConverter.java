package dev.tributary.store.internal;

import dev.tributary.contracts.TaskState;
import org.jooq.impl.AbstractConverter;

/** Maps the text column to {@link TaskState} by wire name. */
public final class TaskStateConverter extends AbstractConverter<String, TaskState> {

  private static final long serialVersionUID = 1L;

  public TaskStateConverter() {
    super(String.class, TaskState.class);
  }

  @Override
  public TaskState from(String databaseObject) {
    return databaseObject == null ? null : TaskState.fromWireName(databaseObject);
  }

  @Override
  public String to(TaskState userObject) {
    return userObject == null ? null : userObject.wireName();
  }
}
