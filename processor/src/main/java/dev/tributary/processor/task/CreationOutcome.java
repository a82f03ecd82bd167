package dev.tributary.processor.task;

import java.util.UUID;

/** What became of one task request. */
public sealed interface CreationOutcome {

  /** A new task. */
  record Created(UUID taskId) implements CreationOutcome {}

  /** The same task exists already (or an earlier request of the same batch creates it). */
  record Duplicate(String identityKey) implements CreationOutcome {}

  /** The request can never succeed as sent. */
  record Rejected(String reason) implements CreationOutcome {}

  /** Creating it alone failed for a reason other than an outage: a bug to look into. */
  record Failed(String reason) implements CreationOutcome {}
}
