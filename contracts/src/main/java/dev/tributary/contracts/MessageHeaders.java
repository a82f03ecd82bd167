package dev.tributary.contracts;

/** Kafka header names. Payloads stay JSON; metadata travels in headers. */
public final class MessageHeaders {

  /** W3C trace context, propagated from results to dispatches. */
  public static final String TRACEPARENT = "traceparent";

  /** On a dead letter: why it could not be processed, in words. */
  public static final String DEAD_LETTER_REASON = "tributary-dead-letter-reason";

  /** On a dead letter: the service that gave up on it. */
  public static final String DEAD_LETTER_SERVICE = "tributary-dead-letter-service";

  private MessageHeaders() {}
}
