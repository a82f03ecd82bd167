package dev.tributary.service.deadletter;

/**
 * Why a record goes to the dead-letter topic: a class from a short fixed list, for metrics, alerts
 * and logs at WARN, and the reason in words for the record's producer. The words may quote the
 * offending value, so they travel only in the dead letter's header and in DEBUG logs.
 *
 * @param reasonClass one of the constants below
 * @param reason what is wrong, in words a producer can act on
 */
public record Rejection(String reasonClass, String reason) {

  /** The record cannot be read as a message: malformed JSON, a missing or mistyped field. */
  public static final String UNREADABLE = "unreadable";

  /** The record's key is not the task id its message names, or it has none. */
  public static final String WRONG_KEY = "wrong_key";

  /** A valid message that can never apply: an unknown template or step, a value over a limit. */
  public static final String REJECTED = "rejected";

  /** Applying the message alone failed for a reason other than an outage: a bug to look into. */
  public static final String FAILED = "failed";

  public static Rejection unreadable(String reason) {
    return new Rejection(UNREADABLE, reason);
  }

  public static Rejection wrongKey(String reason) {
    return new Rejection(WRONG_KEY, reason);
  }

  public static Rejection rejected(String reason) {
    return new Rejection(REJECTED, reason);
  }

  public static Rejection failed(String reason) {
    return new Rejection(FAILED, reason);
  }
}
