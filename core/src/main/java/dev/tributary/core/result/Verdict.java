package dev.tributary.core.result;

/** What became of one step-result message. */
public sealed interface Verdict {

  /** It changed its step (if the guarded update still applied; see {@link Ignored}). */
  record Applied() implements Verdict {}

  /** It changed nothing, and that is expected: a duplicate, a stale attempt, a late message. */
  record Ignored(Reason reason) implements Verdict {}

  /** It can never apply: an unknown step. Goes to the dead-letter topic. */
  record Rejected(String reason) implements Verdict {}

  /**
   * Applying it alone failed for a reason other than an outage, which indicates a bug. Goes to the
   * dead-letter topic.
   */
  record Failed(String reason) implements Verdict {}

  /** Why a message was ignored; a metric tag. */
  enum Reason {
    /** For an attempt that is not the step's current one. */
    STALE_ATTEMPT,
    /** The step is already where this message would take it, e.g. a redelivered success. */
    DUPLICATE,
    /** The step is in a state this message cannot leave, e.g. a result for a cancelled step. */
    NOT_APPLICABLE,
    /** A checkpoint whose sequence is not after the one stored for its attempt. */
    STALE_CHECKPOINT,
    /** The step changed between loading its context and updating it. */
    CONCURRENT_CHANGE
  }

  Applied APPLIED = new Applied();
}
