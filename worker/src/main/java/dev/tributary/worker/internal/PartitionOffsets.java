package dev.tributary.worker.internal;

import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The offsets of one assigned partition: which dispatches were received and are not done yet, and
 * so which offset may be committed. A dispatch is done once its result was acknowledged (or it was
 * skipped as invalid). The committable offset is the lowest one not done: everything below it is
 * done, so a restart there loses nothing, while done dispatches above an unfinished one are
 * redelivered with it (at least once).
 *
 * <p>One instance per assignment: a partition revoked and assigned again gets a new one, so late
 * acknowledgements of the old assignment cannot mark the new one's dispatches done. Used by the
 * polling thread only.
 */
final class PartitionOffsets {

  private final TreeSet<Long> notDone = new TreeSet<>();
  private long next = -1;
  private long committed = -1;

  /** A record at {@code offset} was read. */
  void received(long offset) {
    notDone.add(offset);
    next = Math.max(next, offset + 1);
  }

  /** The record at {@code offset} needs nothing more. */
  void done(long offset) {
    notDone.remove(offset);
  }

  /** The offset to commit (the next record to read after a restart), if any record was read. */
  OptionalLong committable() {
    if (next < 0) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(notDone.isEmpty() ? next : notDone.first());
  }

  /** Whether {@link #committable()} moved past what was last committed. */
  boolean advanced() {
    OptionalLong committable = committable();
    return committable.isPresent() && committable.getAsLong() > committed;
  }

  void committed(long offset) {
    committed = Math.max(committed, offset);
  }

  /** Records read and not done. */
  int pending() {
    return notDone.size();
  }
}
